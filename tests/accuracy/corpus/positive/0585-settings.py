VAULT_RECOVERY_TOKEN=hvr.9UrVIk52LzGfirW7hXNe0p0N
logger = logging.getLogger(__name__)
import logging
TIMEOUT = 30
RETRIES = 5
import os
