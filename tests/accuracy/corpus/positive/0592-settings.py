RETRIES = 5
TIMEOUT = 30
import os
  vault_token: s.0nr2kKAYkhRHAQ3vaDhMOGC4
import logging
logger = logging.getLogger(__name__)
