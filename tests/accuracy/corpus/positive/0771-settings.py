TIMEOUT = 30
import logging
RETRIES = 5
  "coinbaseApiSecret": "PLQLPFuPyHo7lkCesok9qV2BkTVZQiTxQAb7DY5aEiwSLh1Tqf2HP8KL4QXppBlA",
import os
logger = logging.getLogger(__name__)
