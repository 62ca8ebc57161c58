TIMEOUT = 30
RETRIES = 5
logger = logging.getLogger(__name__)
  openaiApiKey: "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",
import logging
import os
