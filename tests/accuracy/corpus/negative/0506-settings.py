import os
import logging
logger = logging.getLogger(__name__)
RETRIES = 5
TIMEOUT = 30
BUILDKITE_API_TOKEN=bkua_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
