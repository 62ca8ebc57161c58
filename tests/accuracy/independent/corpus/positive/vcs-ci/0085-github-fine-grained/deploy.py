import os
import logging

logger = logging.getLogger(__name__)

os.environ.setdefault('GH_PAT', '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')

