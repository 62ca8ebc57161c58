RETRIES = 5
razorpay_key_secret: "<razorpay-key-secret>"
TIMEOUT = 30
import os
import logging
logger = logging.getLogger(__name__)
