import os
import logging
AIRTABLE_API_KEY=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
RETRIES = 5
logger = logging.getLogger(__name__)
TIMEOUT = 30
