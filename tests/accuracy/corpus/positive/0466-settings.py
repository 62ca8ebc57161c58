TIMEOUT = 30
import os
      GITHUB_TOKEN: ghs_jDmsH3Sh0pHKSBXfgvPJEWhipJbkLH2FbmLU
import logging
logger = logging.getLogger(__name__)
RETRIES = 5
