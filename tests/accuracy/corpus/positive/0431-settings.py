logger = logging.getLogger(__name__)
RETRIES = 5
import logging
TIMEOUT = 30
import os
    auth_token: dREbIiRAXIwsPIaWI4eWIL1HbUZVFPkDMcTXaHDx
