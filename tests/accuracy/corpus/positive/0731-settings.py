logger = logging.getLogger(__name__)
import os
RETRIES = 5
config.shopify_access_token = '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'
import logging
TIMEOUT = 30
