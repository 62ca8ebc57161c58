import os
CIRCLECI_TOKEN=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
RETRIES = 5
import logging
logger = logging.getLogger(__name__)
TIMEOUT = 30
