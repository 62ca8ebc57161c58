import logging
import os
RETRIES = 5
TIMEOUT = 30
JENKINS_CRUMB=${JENKINS_CRUMB}
logger = logging.getLogger(__name__)
