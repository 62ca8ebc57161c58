import os
TIMEOUT = 30
logger = logging.getLogger(__name__)
RETRIES = 5
clickhouse://default:@localhost:9000
import logging
