CONFLUENT_CLOUD_API_SECRET=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
import os
import logging
logger = logging.getLogger(__name__)
TIMEOUT = 30
RETRIES = 5
