import logging
RETRIES = 5
import os
logger = logging.getLogger(__name__)
TIMEOUT = 30
key = "-----BEGIN PRIVATE KEY-----\n<your key here>\n-----END PRIVATE KEY-----"
