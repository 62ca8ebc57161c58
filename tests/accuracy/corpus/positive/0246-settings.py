import os
import logging
RETRIES = 5
TIMEOUT = 30
logger = logging.getLogger(__name__)
VERCEL_TOKEN=5gNbmxSMN99ghLCOosGHzusg
