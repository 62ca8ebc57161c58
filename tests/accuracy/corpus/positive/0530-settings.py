TIMEOUT = 30
logger = logging.getLogger(__name__)
  gitlab_token: glimt-eHg9ndyfUOMxSPGV9sx8
import logging
RETRIES = 5
import os
