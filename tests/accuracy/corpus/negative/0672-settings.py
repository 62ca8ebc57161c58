logger = logging.getLogger(__name__)
import os
import logging
{"type": "service_account", "private_key": "-----BEGIN PRIVATE KEY-----\n<your key>\n-----END PRIVATE KEY-----\n"}
TIMEOUT = 30
RETRIES = 5
