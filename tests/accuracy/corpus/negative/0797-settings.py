logger = logging.getLogger(__name__)
NEW_RELIC_LICENSE_KEY=<license-key>NRAL
import logging
TIMEOUT = 30
RETRIES = 5
import os
