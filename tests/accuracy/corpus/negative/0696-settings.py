import logging
import os
TIMEOUT = 30
RETRIES = 5
token: ${{ secrets.NPM_TOKEN }}
logger = logging.getLogger(__name__)
