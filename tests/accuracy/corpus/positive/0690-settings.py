import logging
  grafana_api_key: eyJrIjoiK8EDa7GocMckZapGFQNgrPlJcCfmckfKgMH7Ue07BtDjBZTxSystG9kjBYDmUYK4G72
import os
TIMEOUT = 30
RETRIES = 5
logger = logging.getLogger(__name__)
