import os
TIMEOUT = 30
amqp://guest:guest@localhost:5672/
logger = logging.getLogger(__name__)
RETRIES = 5
import logging
