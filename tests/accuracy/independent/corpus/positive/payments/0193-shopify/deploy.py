import os
import logging

logger = logging.getLogger(__name__)

os.environ.setdefault("SHOPIFY_API_SECRET", "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")

