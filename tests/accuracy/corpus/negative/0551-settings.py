import logging
logger = logging.getLogger(__name__)
TIMEOUT = 30
LINODE_TOKEN=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
RETRIES = 5
import os
