import logging
import os
CARGO_REGISTRY_TOKEN=cioMd7HB9fKEE5C1M44rD4JltF85KJeZT7B
logger = logging.getLogger(__name__)
TIMEOUT = 30
RETRIES = 5
