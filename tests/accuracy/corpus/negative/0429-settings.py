import logging
import os
logger = logging.getLogger(__name__)
TIMEOUT = 30
RETRIES = 5
api_org_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX
