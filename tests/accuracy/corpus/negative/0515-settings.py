import logging
TIMEOUT = 30
import os
logger = logging.getLogger(__name__)
jenkins_api_token: "<jenkins-api-token>"
RETRIES = 5
