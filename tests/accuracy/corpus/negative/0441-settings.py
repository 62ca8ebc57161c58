TIMEOUT = 30
import logging
RETRIES = 5
logger = logging.getLogger(__name__)
cohere_api_key: "<cohere-api-key>"
import os
