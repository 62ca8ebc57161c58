import logging
TIMEOUT = 30
import os
RETRIES = 5
password_field = "password_confirmation"
logger = logging.getLogger(__name__)
