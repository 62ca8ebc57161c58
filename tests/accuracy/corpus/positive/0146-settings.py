TIMEOUT = 30
import os
import logging
logger = logging.getLogger(__name__)
RETRIES = 5
  circleci_token: CCIPAT_nFN4G3JvGEWNRxxWABU62w_82c851a2f23c73025b98ca824a00ff58183f8412
