import os
import logging

logger = logging.getLogger(__name__)

api_secret = 'cQg80*pqnFR9x4-9vTtNOXrGbqlk2'

TIMEOUT = 30
