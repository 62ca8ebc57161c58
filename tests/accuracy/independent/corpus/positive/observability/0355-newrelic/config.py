import os
import logging

logger = logging.getLogger(__name__)

# do not share
NEW_RELIC_API_KEY = 'NRAK-IXOTLSPDY7YBLW27ZH3UXNT32J7'

TIMEOUT = 30
