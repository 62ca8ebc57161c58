JENKINS_API_TOKEN=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
TIMEOUT = 30
logger = logging.getLogger(__name__)
RETRIES = 5
import logging
import os
