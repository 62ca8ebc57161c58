TIMEOUT = 30
import os
logger = logging.getLogger(__name__)
import logging
RETRIES = 5
JFROG_ACCESS_TOKEN="cmVmd<your-jfrog-access-token>"
