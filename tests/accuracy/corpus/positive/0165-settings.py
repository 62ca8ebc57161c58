RETRIES = 5
logger = logging.getLogger(__name__)
TIMEOUT = 30
import os
  "jenkinsApiToken": "1145a74eef5847d811cdd59b0ec7574a63",
import logging
