RETRIES = 5
logger = logging.getLogger(__name__)
import os
import logging
  "pagerdutyRoutingKey": "3nmifbxo3rru8jenofys4o858auov7q7",
TIMEOUT = 30
