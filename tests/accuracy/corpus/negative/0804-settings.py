RETRIES = 5
logger = logging.getLogger(__name__)
SENTRY_AUTH_TOKEN="sntryu_<your-sentry-auth-token>"
import os
TIMEOUT = 30
import logging
