RETRIES = 5
logger = logging.getLogger(__name__)
CONTENTFUL_MANAGEMENT_TOKEN=CFPAT-39Ufc0Bj0ABpUFphQ5FqCdfj8UMRYOSW504Q9gHdDvc
import logging
TIMEOUT = 30
import os
