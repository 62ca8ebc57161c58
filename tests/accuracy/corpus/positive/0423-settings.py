RETRIES = 5
import os
import logging
logger = logging.getLogger(__name__)
  password: "Gdu0ORMrH?71"
TIMEOUT = 30
