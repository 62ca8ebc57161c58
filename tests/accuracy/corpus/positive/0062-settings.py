RETRIES = 5
  mistral_api_key: PVP7f6fqGoezqNkXrVCiPopj3epyUBMJ
logger = logging.getLogger(__name__)
TIMEOUT = 30
import os
import logging
