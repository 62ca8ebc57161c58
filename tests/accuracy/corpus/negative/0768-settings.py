import os
RETRIES = 5
logger = logging.getLogger(__name__)
TIMEOUT = 30
import logging
TFE_TOKEN="vNoRM68WUuGYIG.atlasv1.<your-tfe-token>"
