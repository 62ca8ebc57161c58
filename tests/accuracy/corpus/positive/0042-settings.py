logger = logging.getLogger(__name__)
import logging
TIMEOUT = 30
RETRIES = 5
import os
  groq_api_key: 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
