  linode_token: 67e14704d71f7e4674d8327cff7da7efe29dbdf0e19b3f74cb28fddfbb1b599a
logger = logging.getLogger(__name__)
import logging
TIMEOUT = 30
RETRIES = 5
import os
