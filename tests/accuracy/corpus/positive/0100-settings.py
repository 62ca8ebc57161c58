logger = logging.getLogger(__name__)
RETRIES = 5
import logging
MWS_AUTH_TOKEN=amzn.mws.b5c14230-2407-264b-e211-8b24ad8f6459
TIMEOUT = 30
import os
