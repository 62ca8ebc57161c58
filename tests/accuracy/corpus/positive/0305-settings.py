RETRIES = 5
TWILIO_AUTH_TOKEN=d46470d33dbd8bf6a2b698c3a1eb2cdc
import logging
TIMEOUT = 30
import os
logger = logging.getLogger(__name__)
