TIMEOUT = 30
import os
import logging
logger = logging.getLogger(__name__)
CLOUDFLARE_API_KEY=b0da7d3d5fd5838edab3cda74254fcc52323f
RETRIES = 5
