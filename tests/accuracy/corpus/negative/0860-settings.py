TIMEOUT = 30
import logging
PLAID_SECRET=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
RETRIES = 5
import os
logger = logging.getLogger(__name__)
