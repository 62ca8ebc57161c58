import os
import logging
logger = logging.getLogger(__name__)
TIMEOUT = 30
RETRIES = 5
  asana_pat: 1/0799306069800103:2d1f8aacf9e73740f20eda3840a5b584
