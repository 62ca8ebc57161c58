API_KEY=DuRW1JRkc4O-UTmm9c16WVUj32gud0ap
TIMEOUT = 30
import os
import logging
RETRIES = 5
logger = logging.getLogger(__name__)
