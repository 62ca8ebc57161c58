logger = logging.getLogger(__name__)
RETRIES = 5
import os
TIMEOUT = 30
import logging
IBMCLOUD_API_KEY=${IBMCLOUD_API_KEY}
