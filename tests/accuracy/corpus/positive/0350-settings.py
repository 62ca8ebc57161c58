RETRIES = 5
TIMEOUT = 30
  brevo_api_key: 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
import os
logger = logging.getLogger(__name__)
import logging
