RETRIES = 5
import os
TIMEOUT = 30
  "ddApiKey": "6ecb0d4ddae623766409c64af5c89a30",
import logging
logger = logging.getLogger(__name__)
