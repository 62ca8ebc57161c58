RETRIES = 5
import logging
import os
TIMEOUT = 30
logger = logging.getLogger(__name__)
cloudflare_api_token: "<cloudflare-api-token>"
