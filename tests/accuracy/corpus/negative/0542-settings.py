import os
ALIBABA_CLOUD_ACCESS_KEY_ID="LTAI<your-alibaba-cloud-access-key-id>"
import logging
RETRIES = 5
TIMEOUT = 30
logger = logging.getLogger(__name__)
