logger = logging.getLogger(__name__)
HF_TOKEN=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
import os
TIMEOUT = 30
import logging
RETRIES = 5
