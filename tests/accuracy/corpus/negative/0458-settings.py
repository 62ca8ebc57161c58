ELEVENLABS_API_KEY=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
TIMEOUT = 30
RETRIES = 5
logger = logging.getLogger(__name__)
import os
import logging
