TIMEOUT = 30
import logging
  "sentryAuthToken": "b5235dbd57ea3b240bcdb31095415312cdab5d7a3d8534e31e25f98af68f1f06",
logger = logging.getLogger(__name__)
RETRIES = 5
import os
