TIMEOUT = 30
  alibaba_cloud_access_key_id: LTAI5tLYrUn0HCuNg8VIEtZb
RETRIES = 5
import logging
logger = logging.getLogger(__name__)
import os
