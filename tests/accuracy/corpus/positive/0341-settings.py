logger = logging.getLogger(__name__)
import os
TIMEOUT = 30
  "postmarkServerToken": "b59451e4-97e2-4a81-8638-b31100064ddc",
import logging
RETRIES = 5
