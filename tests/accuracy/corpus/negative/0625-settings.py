POSTMARK_SERVER_TOKEN=${POSTMARK_SERVER_TOKEN}
import logging
import os
TIMEOUT = 30
RETRIES = 5
logger = logging.getLogger(__name__)
