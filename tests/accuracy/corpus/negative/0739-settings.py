import logging
import os
glft-xxxxxxxxxxxxxxxxxxxx
RETRIES = 5
TIMEOUT = 30
logger = logging.getLogger(__name__)
