RETRIES = 5
import logging
import os
TIMEOUT = 30
logger = logging.getLogger(__name__)
vercel_token: "<vercel-token>"
