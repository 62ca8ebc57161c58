token = "123e4567-e89b-12d3-a456-426614174000"
import os
RETRIES = 5
logger = logging.getLogger(__name__)
import logging
TIMEOUT = 30
