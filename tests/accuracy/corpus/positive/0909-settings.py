import logging
TIMEOUT = 30
RETRIES = 5
AUTH0_CLIENT_SECRET=nsVyyu5JWJWsx4ccqkMtRLRjP8tyv3VTaWBUlRMpCZ5ZhYEQE4fTnCdDXT1HsVnY
import os
logger = logging.getLogger(__name__)
