logger = logging.getLogger(__name__)
import os
DOPPLER_TOKEN="dp.st.<your-doppler-token>"
import logging
TIMEOUT = 30
RETRIES = 5
