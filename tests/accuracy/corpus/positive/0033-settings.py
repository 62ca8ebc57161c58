REPLICATE_API_TOKEN=r8_97iB12tY5RABQmv6WVIbdrVLMP2gGGyjZ5O8Z
RETRIES = 5
import os
logger = logging.getLogger(__name__)
import logging
TIMEOUT = 30
