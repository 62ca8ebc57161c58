logger = logging.getLogger(__name__)
TIMEOUT = 30
import logging
RETRIES = 5
twilio_auth_token = "00000000000000000000000000000000"
import os
