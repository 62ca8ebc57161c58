logger = logging.getLogger(__name__)
import os
TIMEOUT = 30
import logging
RETRIES = 5
ALIBABA_CLOUD_ACCESS_KEY_ID=LTAI5tLUkb8cP9VvKDQNrvsj
