logger = logging.getLogger(__name__)
import os
  circleci_token: bb2dc65e087e94ccb380ce95d790e30351f8e6e3
RETRIES = 5
TIMEOUT = 30
import logging
