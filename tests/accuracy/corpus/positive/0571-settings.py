RETRIES = 5
logger = logging.getLogger(__name__)
mytool login --registration-token GR1348941a9vrDSGSaJBYA1Q4okUm
import logging
import os
TIMEOUT = 30
