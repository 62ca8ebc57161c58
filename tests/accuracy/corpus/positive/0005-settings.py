TIMEOUT = 30
import os
logger = logging.getLogger(__name__)
RETRIES = 5
import logging
os.environ.setdefault("OPENAI_API_KEY", "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")
