logger = logging.getLogger(__name__)
RETRIES = 5
import logging
import os
TIMEOUT = 30
token = "glptt-<your-token-here>"
