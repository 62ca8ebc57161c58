logger = logging.getLogger(__name__)
import os
import logging
RETRIES = 5
PLANETSCALE_TOKEN="pscale_oauth_<your-planetscale-token>"
TIMEOUT = 30
