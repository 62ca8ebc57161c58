logger = logging.getLogger(__name__)
import logging
  okta_api_token: 00soNoqfyK_zEcPm7ixhEMI6-TJzKHA4XLOTQ4wIk9
RETRIES = 5
import os
TIMEOUT = 30
