import logging
import os
logger = logging.getLogger(__name__)
RETRIES = 5
TIMEOUT = 30
RENDER_API_KEY="rnd_<your-render-api-key>"
