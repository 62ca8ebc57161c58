TIMEOUT = 30
HEROKU_API_KEY=${HEROKU_API_KEY}
RETRIES = 5
import os
import logging
logger = logging.getLogger(__name__)
