TIMEOUT = 30
RETRIES = 5
import logging
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
logger = logging.getLogger(__name__)
import os
