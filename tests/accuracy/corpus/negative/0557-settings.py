RETRIES = 5
import logging
import os
logger = logging.getLogger(__name__)
TIMEOUT = 30
SCW_SECRET_KEY=${SCW_SECRET_KEY}
