logger = logging.getLogger(__name__)
import logging
import os
RETRIES = 5
  shippo_api_token: shippo_live_e8419e1bc54d564f086003f8554b245a504169b2
TIMEOUT = 30
