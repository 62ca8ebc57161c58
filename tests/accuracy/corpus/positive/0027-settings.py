import os
HF_ORG_TOKEN=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
import logging
RETRIES = 5
logger = logging.getLogger(__name__)
TIMEOUT = 30
