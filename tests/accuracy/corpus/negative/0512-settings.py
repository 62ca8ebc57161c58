logger = logging.getLogger(__name__)
import logging
RETRIES = 5
drone_token: "<drone-token>"
import os
TIMEOUT = 30
