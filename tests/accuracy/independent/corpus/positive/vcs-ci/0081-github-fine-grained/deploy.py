import os
import logging

logger = logging.getLogger(__name__)

os.environ.setdefault("GITHUB_PAT", "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")

