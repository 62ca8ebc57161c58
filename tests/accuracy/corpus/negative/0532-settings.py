logger = logging.getLogger(__name__)
TIMEOUT = 30
import logging
import os
RETRIES = 5
PREFECT_API_KEY=pnu_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
