TIMEOUT = 30
import os
ARTIFACTORY_API_KEY="AKCp<your-artifactory-api-key>"
import logging
logger = logging.getLogger(__name__)
RETRIES = 5
