      DOCKERHUB_TOKEN: dckr_oat_-YbFHqQu0hf2Z9HF-QlxpW-FLZC
import os
import logging
TIMEOUT = 30
RETRIES = 5
logger = logging.getLogger(__name__)
