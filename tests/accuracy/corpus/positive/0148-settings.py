logger = logging.getLogger(__name__)
import os
import logging
TIMEOUT = 30
  circle_project_token: CCIPRJ_hruJsUGIBYk6EPkPfDBDE9_20feccd4e6e51aa9ca8705a016b78698037f401d
RETRIES = 5
