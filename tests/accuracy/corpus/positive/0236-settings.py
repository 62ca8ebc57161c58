TIMEOUT = 30
  "fastlyApiToken": "Sy0xQgboITQKH1DVlzbB15jMDGZC10I9",
import os
import logging
logger = logging.getLogger(__name__)
RETRIES = 5
