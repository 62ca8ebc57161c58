SCW_ACCESS_KEY=SCWKKJ0TQM0RUG4MAO03
TIMEOUT = 30
RETRIES = 5
import logging
import os
logger = logging.getLogger(__name__)
