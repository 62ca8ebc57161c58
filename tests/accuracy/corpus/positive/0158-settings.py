RETRIES = 5
logger = logging.getLogger(__name__)
  buildkite_agent_token: f7226576be26c58ee836c4a6a61bbe70d0be159e2236ad8767
import os
import logging
TIMEOUT = 30
