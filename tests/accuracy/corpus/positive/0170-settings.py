import logging
RETRIES = 5
  sonar_token: sqa_17fbc442c7dfbac116f2818ef2e049f77c75d129
import os
logger = logging.getLogger(__name__)
TIMEOUT = 30
