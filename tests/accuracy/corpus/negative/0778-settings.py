logger = logging.getLogger(__name__)
import os
INFRACOST_API_KEY=ico-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
TIMEOUT = 30
import logging
RETRIES = 5
