RETRIES = 5
SPLUNK_HEC_TOKEN=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
import logging
import os
TIMEOUT = 30
logger = logging.getLogger(__name__)
