import os
RAZORPAY_KEY_SECRET=xxxxxxxxxxxxxxxxxxxxxxxx
RETRIES = 5
TIMEOUT = 30
logger = logging.getLogger(__name__)
import logging
