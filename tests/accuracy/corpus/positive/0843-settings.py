RETRIES = 5
  cargo_registry_token: cioaJYO8qkp8RG3zQRu5L9RfLAhrIAQ3UVP
import logging
logger = logging.getLogger(__name__)
TIMEOUT = 30
import os
