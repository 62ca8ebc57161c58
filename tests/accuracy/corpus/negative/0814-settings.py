import os
RETRIES = 5
HONEYCOMB_API_KEY=hcaik_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
import logging
logger = logging.getLogger(__name__)
TIMEOUT = 30
