<add key="GoogleApiKey" value="AIzaSyGzmeER1m8S0xX0NVMznl-NBUKQVgxR0Fi" />
import os
import logging
TIMEOUT = 30
logger = logging.getLogger(__name__)
RETRIES = 5
