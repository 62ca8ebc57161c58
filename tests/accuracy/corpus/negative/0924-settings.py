RETRIES = 5
logger = logging.getLogger(__name__)
TIMEOUT = 30
import logging
AIRTABLE_API_KEY="<your-airtable-api-key>"
import os
