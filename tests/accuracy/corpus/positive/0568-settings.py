REGISTRATION_TOKEN=GR1348941ah6hnmLZLvTSwcC_KtI8
import logging
TIMEOUT = 30
logger = logging.getLogger(__name__)
import os
RETRIES = 5
