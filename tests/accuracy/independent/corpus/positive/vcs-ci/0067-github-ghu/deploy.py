import os
import logging

logger = logging.getLogger(__name__)

os.environ.setdefault("GITHUB_USER_TOKEN", "ghu_JAhqDOBdCQsqTkaDTpiDuEX2inlPvB2BO1jq")

