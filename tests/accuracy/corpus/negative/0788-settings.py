RETRIES = 5
import logging
logger = logging.getLogger(__name__)
dd_api_key: "<dd-api-key>"
TIMEOUT = 30
import os
