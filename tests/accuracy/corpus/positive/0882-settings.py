import os
  "notionApiKey": "secret_mcXDSbVhQtGftgoQIOxw63hIJRO1xwCj9jDeUCknpXc",
RETRIES = 5
TIMEOUT = 30
import logging
logger = logging.getLogger(__name__)
