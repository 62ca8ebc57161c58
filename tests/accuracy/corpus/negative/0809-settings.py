logger = logging.getLogger(__name__)
GRAFANA_TOKEN="glsa_<your-grafana-token>"
import logging
import os
RETRIES = 5
TIMEOUT = 30
