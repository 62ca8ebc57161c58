logger = logging.getLogger(__name__)
import logging
import os
TIMEOUT = 30
GOOGLE_REFRESH_TOKEN="1//0<your-google-refresh-token>"
RETRIES = 5
