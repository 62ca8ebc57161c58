TIMEOUT = 30
import logging
logger = logging.getLogger(__name__)
ALIBABA_CLOUD_ACCESS_KEY_SECRET=1YyROplT1Cwy2VnzY4WN1c6HA2UE17
import os
RETRIES = 5
