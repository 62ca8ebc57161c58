TIMEOUT = 30
logger = logging.getLogger(__name__)
RETRIES = 5
import os
import logging
BRAINTREE_ACCESS_TOKEN=access_token$production$d4nf8ht0t08p3jl2$259e48827bc3e7a37f8420cc6e9b6d6e
