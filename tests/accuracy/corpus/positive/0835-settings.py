TIMEOUT = 30
mytool login --dockerhub-token dckr_oat_6wEfe2fD8oO3DZHHbI32foLpoX7
import os
import logging
RETRIES = 5
logger = logging.getLogger(__name__)
