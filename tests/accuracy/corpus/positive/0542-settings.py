TIMEOUT = 30
  gitlab_token: gloas-rVwwdfcdIQYOQAUFzCJJQU4A7OpBX97oRgzFssJaeCPUqrQf1Kk5f0jx4n2ee2f7
RETRIES = 5
logger = logging.getLogger(__name__)
import os
import logging
