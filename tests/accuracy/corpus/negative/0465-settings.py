import logging
TIMEOUT = 30
AWS_SECRET_ACCESS_KEY=${{ secrets.AWS_SECRET_ACCESS_KEY }}
import os
RETRIES = 5
logger = logging.getLogger(__name__)
