import os
TIMEOUT = 30
import logging
logger = logging.getLogger(__name__)
FASTLY_API_TOKEN=kAtBE2ddHnzPdyEc-ZbQHK6pwOVS8YnN
RETRIES = 5
