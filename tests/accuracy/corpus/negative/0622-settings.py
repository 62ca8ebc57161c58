MANDRILL_API_KEY=${MANDRILL_API_KEY}
TIMEOUT = 30
import logging
RETRIES = 5
import os
logger = logging.getLogger(__name__)
