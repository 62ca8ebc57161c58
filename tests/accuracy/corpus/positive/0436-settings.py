logger = logging.getLogger(__name__)
import os
import logging
GITHUB_TOKEN=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
RETRIES = 5
TIMEOUT = 30
