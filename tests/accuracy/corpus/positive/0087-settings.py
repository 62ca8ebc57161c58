logger = logging.getLogger(__name__)
import os
TIMEOUT = 30
import logging
RETRIES = 5
AWS_ACCESS_KEY_ID=AKIAVRLU4EPHLZKMFAUL
