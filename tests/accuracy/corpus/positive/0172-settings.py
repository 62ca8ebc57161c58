import os
  codecov_token: 71be601e-26e9-494d-a719-1726d23487f0
TIMEOUT = 30
RETRIES = 5
import logging
logger = logging.getLogger(__name__)
