TIMEOUT = 30
import os
logger = logging.getLogger(__name__)
  planetscale_token: pscale_tkn_UjQmK0aVmSYlKgyrSbK5cxef5MB3hv3sxuwatCuMiHZ
RETRIES = 5
import logging
