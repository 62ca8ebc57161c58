import logging
import os
logger = logging.getLogger(__name__)
RETRIES = 5
DOCKERHUB_TOKEN=dckr_pat_XXXXXXXXXXXXXXXXXXXXXXXXXXX
TIMEOUT = 30
