TIMEOUT = 30
logger = logging.getLogger(__name__)
RETRIES = 5
import logging
import os
HARNESS_API_KEY=pat.OMgEOjjmSMZ6DmHz5ovjpy.4a67ae85e8d880aff68548e9.wfy2ij0WuvOuMdDttD4l
