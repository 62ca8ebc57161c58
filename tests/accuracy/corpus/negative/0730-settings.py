TIMEOUT = 30
RETRIES = 5
import os
GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}
import logging
logger = logging.getLogger(__name__)
