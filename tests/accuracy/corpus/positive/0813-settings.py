      NPM_TOKEN: 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
logger = logging.getLogger(__name__)
import logging
TIMEOUT = 30
import os
RETRIES = 5
