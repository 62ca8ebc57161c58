logger = logging.getLogger(__name__)
import os
import logging
AZURE_STORAGE_KEY=${AZURE_STORAGE_KEY}
RETRIES = 5
TIMEOUT = 30
