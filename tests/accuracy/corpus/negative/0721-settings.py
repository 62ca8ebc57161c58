import logging
import os
logger = logging.getLogger(__name__)
token = "gho_abcdefghijklmnopqrstuvwxyzABCDEFGHIJ"
RETRIES = 5
TIMEOUT = 30
