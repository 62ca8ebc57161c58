logger = logging.getLogger(__name__)
import logging
import os
mytool login --registration-token GR1348941a0uaTJFHlVFWZ4C6qqAu
RETRIES = 5
TIMEOUT = 30
