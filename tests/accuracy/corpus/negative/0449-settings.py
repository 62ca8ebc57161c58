RETRIES = 5
TOGETHER_API_KEY=${TOGETHER_API_KEY}
import os
TIMEOUT = 30
import logging
logger = logging.getLogger(__name__)
