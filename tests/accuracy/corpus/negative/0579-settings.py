RETRIES = 5
TIMEOUT = 30
NETLIFY_AUTH_TOKEN=nfp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
import logging
logger = logging.getLogger(__name__)
import os
