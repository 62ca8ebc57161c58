VAULT_TOKEN=s.XXXXXXXXXXXXXXXXXXXXXXXX
logger = logging.getLogger(__name__)
TIMEOUT = 30
import os
RETRIES = 5
import logging
