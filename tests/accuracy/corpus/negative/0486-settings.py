import os
TIMEOUT = 30
logger = logging.getLogger(__name__)
import logging
RETRIES = 5
AZURE_OPENAI_API_KEY=${AZURE_OPENAI_API_KEY}
