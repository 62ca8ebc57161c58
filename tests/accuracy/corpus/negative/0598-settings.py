import logging
RETRIES = 5
DATABRICKS_TOKEN="dapi<your-databricks-token>"
import os
logger = logging.getLogger(__name__)
TIMEOUT = 30
