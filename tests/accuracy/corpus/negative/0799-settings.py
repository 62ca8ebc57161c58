RETRIES = 5
import os
NEW_RELIC_BROWSER_KEY=NRJS-xxxxxxxxxxxxxxxxxxx
TIMEOUT = 30
import logging
logger = logging.getLogger(__name__)
