import logging
RETRIES = 5
import os
  cache_url: "rediss://default:bqzU2AaC5d3z7VzZ@eu1-cache.upstash.io:6379"
TIMEOUT = 30
logger = logging.getLogger(__name__)
