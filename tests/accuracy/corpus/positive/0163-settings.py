import logging
import os
RETRIES = 5
logger = logging.getLogger(__name__)
TIMEOUT = 30
JENKINS_API_TOKEN=1126127fa2f6c953683392cd5e5d97e226
