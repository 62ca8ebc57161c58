import logging
import os
RETRIES = 5
logger = logging.getLogger(__name__)
  gitlab_token: glcbt-5HGaWhW2qdRg1BpeBTll
TIMEOUT = 30
