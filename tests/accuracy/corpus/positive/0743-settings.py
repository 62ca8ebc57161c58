TIMEOUT = 30
import os
import logging
logger = logging.getLogger(__name__)
RETRIES = 5
SQUARE_APPLICATION_SECRET=sq0csp-HhupJFGpi4jfeKipy6YGnWZ5Ce9Lnm_Io_P40uL_e6V
