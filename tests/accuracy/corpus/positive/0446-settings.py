TIMEOUT = 30
logger = logging.getLogger(__name__)
RETRIES = 5
GITHUB_TOKEN=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
import os
import logging
