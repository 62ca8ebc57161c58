import os
TIMEOUT = 30
RETRIES = 5
import logging
logger = logging.getLogger(__name__)
SNYK_TOKEN=${SNYK_TOKEN}
