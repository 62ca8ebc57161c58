import logging
RETRIES = 5
logger = logging.getLogger(__name__)
TIMEOUT = 30
import os
FASTLY_API_TOKEN=${FASTLY_API_TOKEN}
