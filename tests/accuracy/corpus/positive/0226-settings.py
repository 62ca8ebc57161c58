import logging
import os
CLOUDFLARE_API_TOKEN=ze8vHwup3fx1Ve7DElGLTaWWkCEisfr3aQg38_tV
logger = logging.getLogger(__name__)
RETRIES = 5
TIMEOUT = 30
