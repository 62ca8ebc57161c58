import logging
CARGO_REGISTRY_TOKEN=cioPd2UX4uHSF5V2U39gL4QvtL08KMdHO0T
TIMEOUT = 30
import os
logger = logging.getLogger(__name__)
RETRIES = 5
