import logging
import os
TIMEOUT = 30
logger = logging.getLogger(__name__)
INFRACOST_API_KEY=ico-bkplALdAxzhNU2M8FPaMGl8sX0NotOD8
RETRIES = 5
