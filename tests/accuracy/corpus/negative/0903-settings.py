import os
logger = logging.getLogger(__name__)
TIMEOUT = 30
CARGO_REGISTRY_TOKEN=cioxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
RETRIES = 5
import logging
