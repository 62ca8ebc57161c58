TIMEOUT = 30
RETRIES = 5
logger = logging.getLogger(__name__)
import os
HONEYCOMB_API_KEY=xxxxxxxxxxxxxxxxxxxxxx
import logging
