  "auth0ClientSecret": "aul7OUuWx2O2zpQHBSz_muZxjEHpGNVuIJb09HZHwA88VaFhGtDPSGf59c4vCQnh",
RETRIES = 5
import logging
TIMEOUT = 30
import os
logger = logging.getLogger(__name__)
