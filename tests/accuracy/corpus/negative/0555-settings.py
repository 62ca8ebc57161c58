logger = logging.getLogger(__name__)
TIMEOUT = 30
import logging
RETRIES = 5
import os
SCW_ACCESS_KEY=SCWxxxxxxxxxxxxxxxxx
