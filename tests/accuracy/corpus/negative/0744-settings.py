TIMEOUT = 30
import os
token = "glcbt-<your-token-here>"
import logging
RETRIES = 5
logger = logging.getLogger(__name__)
