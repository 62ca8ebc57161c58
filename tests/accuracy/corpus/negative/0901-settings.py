RETRIES = 5
GEM_HOST_API_KEY=rubygems_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
import os
logger = logging.getLogger(__name__)
TIMEOUT = 30
import logging
