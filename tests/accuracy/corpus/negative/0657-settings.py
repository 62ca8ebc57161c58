RETRIES = 5
TIMEOUT = 30
logger = logging.getLogger(__name__)
mongodb+srv://<username>:<password>@cluster0.mongodb.net/test
import os
import logging
