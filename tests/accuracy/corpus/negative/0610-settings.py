logger = logging.getLogger(__name__)
TIMEOUT = 30
RETRIES = 5
import logging
import os
MAILGUN_API_KEY=key-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
