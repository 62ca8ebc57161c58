TIMEOUT = 30
import logging
import os
  travis_api_token: MotiXvV1hvw8mxCz7pL_S7
RETRIES = 5
logger = logging.getLogger(__name__)
