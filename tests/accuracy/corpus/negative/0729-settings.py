import os
logger = logging.getLogger(__name__)
import logging
github_commit_sha = "da39a3ee5e6b4b0d3255bfef95601890afd80709"
TIMEOUT = 30
RETRIES = 5
