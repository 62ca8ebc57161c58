<password>your-password-here</password>
import logging
logger = logging.getLogger(__name__)
RETRIES = 5
import os
TIMEOUT = 30
