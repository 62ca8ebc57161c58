import logging
NOTION_TOKEN=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
RETRIES = 5
TIMEOUT = 30
logger = logging.getLogger(__name__)
import os
