logger = logging.getLogger(__name__)
TIMEOUT = 30
INFRACOST_API_KEY=ico-clgyWIcQzxhRL1H0UXuLRi1xE1CwqMJ7
import os
import logging
RETRIES = 5
