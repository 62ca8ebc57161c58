import os
import logging

logger = logging.getLogger(__name__)

os.environ.setdefault('DATADOG_API_KEY', '7b6081a0e6c0bd6300c4763b29c20809')

