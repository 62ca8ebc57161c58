  slack_signing_secret: 794a45e9b8a691ab69dc3f34a1ac9b61
TIMEOUT = 30
logger = logging.getLogger(__name__)
import logging
RETRIES = 5
import os
