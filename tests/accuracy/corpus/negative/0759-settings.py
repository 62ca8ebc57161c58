import logging
TIMEOUT = 30
hvr.XXXXXXXXXXXXXXXXXXXXXXXX
import os
logger = logging.getLogger(__name__)
RETRIES = 5
