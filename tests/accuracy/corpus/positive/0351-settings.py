RETRIES = 5
import logging
TIMEOUT = 30
MAILERSEND_API_KEY=mlsn.ac75a857af1d4c2adc5b6d0c7b31dbdcb1f09687e03bf3ec66611a4ac15081fe
import os
logger = logging.getLogger(__name__)
