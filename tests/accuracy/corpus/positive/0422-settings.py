TIMEOUT = 30
import os
RETRIES = 5
DB_PASSWORD=nIDTzj9dh?05
logger = logging.getLogger(__name__)
import logging
