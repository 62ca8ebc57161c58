OPENROUTER_API_KEY="sk-or-v1-<your-openrouter-api-key>"
import logging
RETRIES = 5
TIMEOUT = 30
import os
logger = logging.getLogger(__name__)
