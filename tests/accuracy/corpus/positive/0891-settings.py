TIMEOUT = 30
RETRIES = 5
import logging
logger = logging.getLogger(__name__)
ASANA_PAT=1/4873293346286314:fc265be58519f2ebe0fbdd9f3a5104d6
import os
