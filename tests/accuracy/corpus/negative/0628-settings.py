import os
TIMEOUT = 30
import logging
logger = logging.getLogger(__name__)
VONAGE_API_SECRET=${VONAGE_API_SECRET}
RETRIES = 5
