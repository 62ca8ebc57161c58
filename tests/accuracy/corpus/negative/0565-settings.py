import logging
CLOUDFLARE_API_KEY=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
import os
TIMEOUT = 30
logger = logging.getLogger(__name__)
RETRIES = 5
