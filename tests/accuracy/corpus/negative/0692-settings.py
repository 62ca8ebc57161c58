logger = logging.getLogger(__name__)
import os
TIMEOUT = 30
password = "correct-horse-battery-staple"
import logging
RETRIES = 5
