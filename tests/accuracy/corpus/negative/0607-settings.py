logger = logging.getLogger(__name__)
RETRIES = 5
import logging
TIMEOUT = 30
import os
SENDGRID_API_KEY=SG.xxxxxxxxxxxxxxxxxxxxxx.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
