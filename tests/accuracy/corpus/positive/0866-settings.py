import os
    "ghcr.io": { "auth": "b2N0by1jaTpnaHBfRkFzcVdZSkhIdnNROXU1Z2dZNHozc2lwcXZYMW5uM3hMSWlo" },
RETRIES = 5
import logging
logger = logging.getLogger(__name__)
TIMEOUT = 30
