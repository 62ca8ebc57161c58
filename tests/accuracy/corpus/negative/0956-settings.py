import os
xoxs-0-XXXXXXXXXXXXXXXXXXXXXXXX
RETRIES = 5
import logging
logger = logging.getLogger(__name__)
TIMEOUT = 30
