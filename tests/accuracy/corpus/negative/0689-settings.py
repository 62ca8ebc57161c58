const password = await prompt("Password: ");
TIMEOUT = 30
import os
RETRIES = 5
logger = logging.getLogger(__name__)
import logging
