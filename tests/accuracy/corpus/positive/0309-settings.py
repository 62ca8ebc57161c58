import os
RETRIES = 5
logger = logging.getLogger(__name__)
SENDGRID_API_KEY=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
TIMEOUT = 30
import logging
