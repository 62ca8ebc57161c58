"integrity": "sha512-abcDEF0123456789abcDEF0123456789abcDEF0123456789abcDEF012345==",
RETRIES = 5
TIMEOUT = 30
logger = logging.getLogger(__name__)
import os
import logging
