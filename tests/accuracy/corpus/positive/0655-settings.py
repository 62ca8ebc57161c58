RETRIES = 5
import logging
import os
  new_relic_insert_key: NRII-W66le4llMLwFOE7f-Jaa-2BdIv8nYJpZ
TIMEOUT = 30
logger = logging.getLogger(__name__)
