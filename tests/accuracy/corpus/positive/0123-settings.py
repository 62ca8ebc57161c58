TIMEOUT = 30
ACR_PASSWORD=Lhk4x1cHZUPf5pCQVakyObfeNkmSbJwpsQGbOuPQDx+ACRJouOpL
import logging
logger = logging.getLogger(__name__)
import os
RETRIES = 5
