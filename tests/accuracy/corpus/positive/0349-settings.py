import os
import logging
BREVO_API_KEY=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
RETRIES = 5
TIMEOUT = 30
logger = logging.getLogger(__name__)
