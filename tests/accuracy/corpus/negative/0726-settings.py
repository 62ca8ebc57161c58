logger = logging.getLogger(__name__)
import os
import logging
RETRIES = 5
ghr_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX
TIMEOUT = 30
