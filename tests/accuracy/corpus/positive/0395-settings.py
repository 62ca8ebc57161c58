import os
logger = logging.getLogger(__name__)
const googleApiKey = 'AIzaSyTQsaI6izWDYCZBzrmyd_drnxjc5Fih2Tp';
RETRIES = 5
import logging
TIMEOUT = 30
