logger = logging.getLogger(__name__)
GITLAB_TOKEN=glimt-yc0yApV4aynVIvTIqq8j
import os
RETRIES = 5
import logging
TIMEOUT = 30
