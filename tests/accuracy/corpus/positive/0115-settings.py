var azureClientSecret = "JFT0Q~Wsjax1sf-3EgVNieD_HQSM5EM1wmMajhfs";
import logging
logger = logging.getLogger(__name__)
TIMEOUT = 30
RETRIES = 5
import os
