logger = logging.getLogger(__name__)
RETRIES = 5
TIMEOUT = 30
ALIBABA_CLOUD_ACCESS_KEY_SECRET=${ALIBABA_CLOUD_ACCESS_KEY_SECRET}
import os
import logging
