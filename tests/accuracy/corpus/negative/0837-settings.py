token = "shpat_00000000000000000000000000000000"
TIMEOUT = 30
RETRIES = 5
import logging
import os
logger = logging.getLogger(__name__)
