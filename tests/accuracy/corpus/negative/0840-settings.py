SHOPIFY_ACCESS_TOKEN=shppa_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
logger = logging.getLogger(__name__)
TIMEOUT = 30
import os
import logging
RETRIES = 5
