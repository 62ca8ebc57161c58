import logging
TIMEOUT = 30
facebook_app_secret: "<facebook-app-secret>"
RETRIES = 5
import os
logger = logging.getLogger(__name__)
