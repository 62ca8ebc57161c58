TIMEOUT = 30
  cargo_registry_token: ciogBRW0rov0FO9jYFo5X3MdHEuyCCE4GIX
logger = logging.getLogger(__name__)
import os
RETRIES = 5
import logging
