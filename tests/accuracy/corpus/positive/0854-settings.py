  artifactory_api_key: AKCpiHw9d7eCzJWzXIuUVSk5RH8GkbFOz5qIE0NpYSKudVHUOSBuriGAihS0qMOwvSLivrmNX
logger = logging.getLogger(__name__)
import os
RETRIES = 5
TIMEOUT = 30
import logging
