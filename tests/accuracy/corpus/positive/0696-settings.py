RETRIES = 5
import logging
TIMEOUT = 30
import os
  honeycomb_api_key: hcaik_01auuy8u63yhb9c9b1q6xen5cawzg2byy97ubas6cz2x5fdkcflyjvycv7
logger = logging.getLogger(__name__)
