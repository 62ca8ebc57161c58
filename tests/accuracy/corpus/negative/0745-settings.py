import logging
RETRIES = 5
import os
logger = logging.getLogger(__name__)
TIMEOUT = 30
gloas-xxxxxxxxxxxxxxxxxxxx
