logger = logging.getLogger(__name__)
RETRIES = 5
import os
import logging
TIMEOUT = 30
GITHUB_TOKEN=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
