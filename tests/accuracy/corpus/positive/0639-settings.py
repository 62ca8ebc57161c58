import os
logger = logging.getLogger(__name__)
import logging
  dd_api_key: 53bc9f7979d9b58d23ff40056bfeba85
RETRIES = 5
TIMEOUT = 30
