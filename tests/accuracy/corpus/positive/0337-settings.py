RETRIES = 5
logger = logging.getLogger(__name__)
TIMEOUT = 30
  mandrill_api_key: md-KC3MqmfCaQ1jThdiZWfZ-j
import os
import logging
