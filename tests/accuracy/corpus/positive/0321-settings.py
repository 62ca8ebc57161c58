MAILGUN_API_KEY=key-424829e43bdfd9e33d5f2bcb1ef3c57f
TIMEOUT = 30
logger = logging.getLogger(__name__)
import os
RETRIES = 5
import logging
