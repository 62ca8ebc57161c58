import logging
RETRIES = 5
logger = logging.getLogger(__name__)
import os
TIMEOUT = 30
NETLIFY_AUTH_TOKEN=nfp_4yxcUKkHtIH9wz8ZMKEvpYe2d0RBVtzktkAh
