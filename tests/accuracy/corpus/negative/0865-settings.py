import os
TIMEOUT = 30
COINBASE_API_SECRET=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
import logging
RETRIES = 5
logger = logging.getLogger(__name__)
