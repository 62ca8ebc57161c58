logger = logging.getLogger(__name__)
GITHUB_TOKEN=ghs_w2jHKiOH5vnAGowI3WKZKmDljjDzbn1ROfzq
RETRIES = 5
TIMEOUT = 30
import os
import logging
