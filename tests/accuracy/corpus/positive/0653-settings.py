import os
logger = logging.getLogger(__name__)
  new_relic_insert_key: NRII-A45he4hlYPtUSZ2h-Qaa-4PfUk6qUPrO
RETRIES = 5
import logging
TIMEOUT = 30
