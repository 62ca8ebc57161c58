  langsmith_api_key: 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
logger = logging.getLogger(__name__)
RETRIES = 5
import os
TIMEOUT = 30
import logging
