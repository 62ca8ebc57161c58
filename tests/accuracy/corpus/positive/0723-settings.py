logger = logging.getLogger(__name__)
TIMEOUT = 30
import logging
import os
RETRIES = 5
ALGOLIA_ADMIN_KEY=c503fd54de823fbafdfa64fa8f2e5b49
