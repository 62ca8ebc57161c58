logger = logging.getLogger(__name__)
RETRIES = 5
import os
NEW_RELIC_API_KEY=NRAK-5T1NMZRF3OY0SD0G2BYGWD3M88Y
import logging
TIMEOUT = 30
