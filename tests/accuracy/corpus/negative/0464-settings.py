import os
import logging
logger = logging.getLogger(__name__)
aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
TIMEOUT = 30
RETRIES = 5
