RETRIES = 5
import logging
TIMEOUT = 30
SPACES_ACCESS_KEY_ID=DO00K27ULEI8MIET3X9F
logger = logging.getLogger(__name__)
import os
