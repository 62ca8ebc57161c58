TIMEOUT = 30
import logging
import os
RETRIES = 5
BITBUCKET_APP_PASSWORD="ATBB<your-bitbucket-app-password>"
logger = logging.getLogger(__name__)
