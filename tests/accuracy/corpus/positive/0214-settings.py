import logging
import os
VULTR_API_KEY=WAMUARSPAECKNC2JBKWI2R09WL6NP6RBOU37
RETRIES = 5
logger = logging.getLogger(__name__)
TIMEOUT = 30
