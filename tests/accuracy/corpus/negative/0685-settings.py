import logging
PASSWORD_MIN_LENGTH = 12
TIMEOUT = 30
logger = logging.getLogger(__name__)
RETRIES = 5
import os
