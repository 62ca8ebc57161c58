logger = logging.getLogger(__name__)
import os
TIMEOUT = 30
import logging
RETRIES = 5
ossrh_token_password: "<ossrh-token-password>"
