RETRIES = 5
TIMEOUT = 30
DATABASE_URL=postgres://postgres:postgres@localhost:5432/app_dev
import os
import logging
logger = logging.getLogger(__name__)
