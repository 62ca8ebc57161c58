import os
import logging
logger = logging.getLogger(__name__)
RETRIES = 5
mytool login --registration-token GR1348941a8tzENNCfKFMT0A2yzZq
TIMEOUT = 30
