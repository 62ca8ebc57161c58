TIMEOUT = 30
VAULT_TOKEN=hvs.XXXXXXXXXXXXXXXXXXXXXXXX
RETRIES = 5
logger = logging.getLogger(__name__)
import os
import logging
