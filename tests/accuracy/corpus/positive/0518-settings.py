TIMEOUT = 30
import logging
RETRIES = 5
import os
logger = logging.getLogger(__name__)
  gitlab_token: glptt-8jva2-IpbVRQNjXHcWNS
