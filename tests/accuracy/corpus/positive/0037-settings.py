RETRIES = 5
  replicate_api_token: r8_BWnOWMLkf3DMI88aFsNtXlCop1QLLq5gLUzBq
import os
TIMEOUT = 30
import logging
logger = logging.getLogger(__name__)
