import logging
import os
SHIPPO_API_TOKEN="shippo_<your-shippo-api-token>"
TIMEOUT = 30
RETRIES = 5
logger = logging.getLogger(__name__)
