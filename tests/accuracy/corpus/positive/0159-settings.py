  "buildkiteAgentToken": "12d831308eecec46d75df7c4b64a8535e7cc8f81a3c0bae47a",
RETRIES = 5
import logging
import os
logger = logging.getLogger(__name__)
TIMEOUT = 30
