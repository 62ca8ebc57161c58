import os
RETRIES = 5
  scw_secret_key: 0c366385-f352-43cd-b09f-62aa677a3ec1
import logging
logger = logging.getLogger(__name__)
TIMEOUT = 30
