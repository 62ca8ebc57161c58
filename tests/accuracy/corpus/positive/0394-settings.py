RETRIES = 5
const googleApiKey = 'AIzaSyVVxpI9kmPEWCOMvgqrx_efszld6Kig1Be';
logger = logging.getLogger(__name__)
TIMEOUT = 30
import os
import logging
