import logging
import os
NEW_RELIC_INSERT_KEY=NRII-JOp-QWX-AicVz6ErtgVN08qbHeVDzQOW
RETRIES = 5
logger = logging.getLogger(__name__)
TIMEOUT = 30
