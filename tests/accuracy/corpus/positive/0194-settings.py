  digitalocean_token = "dop_v1_3e30566484bdd2576a64ee486ac24b642666222fdb1e7dfd78f8fb47bf488832"
import os
import logging
RETRIES = 5
TIMEOUT = 30
logger = logging.getLogger(__name__)
