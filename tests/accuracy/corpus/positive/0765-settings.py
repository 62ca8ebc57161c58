logger = logging.getLogger(__name__)
import logging
import os
  "plaidSecret": "d907e8d6689d3c4fa204941c40ba72",
RETRIES = 5
TIMEOUT = 30
