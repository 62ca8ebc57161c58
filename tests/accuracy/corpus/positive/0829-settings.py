RETRIES = 5
logger = logging.getLogger(__name__)
TIMEOUT = 30
DOCKERHUB_TOKEN=dckr_oat_HZBdF2yWl0qRZZXf-1vBcaeMdPY
import os
import logging
