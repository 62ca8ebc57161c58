logger = logging.getLogger(__name__)
RETRIES = 5
dd_app_key: "<dd-app-key>"
import os
import logging
TIMEOUT = 30
