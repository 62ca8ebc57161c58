import logging
logger = logging.getLogger(__name__)
import os
TIMEOUT = 30
RETRIES = 5
NGROK_AUTHTOKEN=0958k61hOIxGFTwkh8hEgCUgrPY_UrHicCZLnlwMIPosxC5xX
