SNOWFLAKE_PASSWORD=${SNOWFLAKE_PASSWORD}
import logging
import os
RETRIES = 5
TIMEOUT = 30
logger = logging.getLogger(__name__)
