import os
TIMEOUT = 30
SPACES_ACCESS_KEY_ID=DO00I93BMON5TAMH9S8P
RETRIES = 5
import logging
logger = logging.getLogger(__name__)
