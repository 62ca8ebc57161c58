RETRIES = 5
import os
import logging
url: https://hooks.slack.com/workflows/T00000000/A00000000/000000000000000000/xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
TIMEOUT = 30
logger = logging.getLogger(__name__)
