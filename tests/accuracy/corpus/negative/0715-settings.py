logger = logging.getLogger(__name__)
TIMEOUT = 30
import logging
'Authorization': f'Bearer {token}'
import os
RETRIES = 5
