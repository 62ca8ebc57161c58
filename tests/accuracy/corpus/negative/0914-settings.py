import logging
import os
TIMEOUT = 30
logger = logging.getLogger(__name__)
"auth": "dXNlcm5hbWU6cGFzc3dvcmQ="
RETRIES = 5
