import os
TWILIO_AUTH_TOKEN=your_auth_token
TIMEOUT = 30
import logging
RETRIES = 5
logger = logging.getLogger(__name__)
