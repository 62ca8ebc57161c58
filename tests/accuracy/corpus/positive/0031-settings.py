import os
TIMEOUT = 30
logger = logging.getLogger(__name__)
import logging
  hf_org_token: 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
RETRIES = 5
