import os
import logging
logger = logging.getLogger(__name__)
TIMEOUT = 30
elevenlabs_api_key: "<elevenlabs-api-key>"
RETRIES = 5
