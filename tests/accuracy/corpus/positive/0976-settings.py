RETRIES = 5
logger = logging.getLogger(__name__)
TIMEOUT = 30
const stripeApiKey = 'sk_live_51aJbnw6QxkAfHIwArFAT8rT';
import os
import logging
