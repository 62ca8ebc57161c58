TIMEOUT = 30
DEEPSEEK_API_KEY=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
RETRIES = 5
import os
logger = logging.getLogger(__name__)
import logging
