logger = logging.getLogger(__name__)
RETRIES = 5
import os
TIMEOUT = 30
token = "glffct-<your-token-here>"
import logging
