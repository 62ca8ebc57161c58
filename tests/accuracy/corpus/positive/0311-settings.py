const sendgridApiKey = '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';
import os
import logging
TIMEOUT = 30
RETRIES = 5
logger = logging.getLogger(__name__)
