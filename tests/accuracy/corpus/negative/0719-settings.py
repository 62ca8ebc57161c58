import logging
token = "ghp_abcdefghijklmnopqrstuvwxyzABCDEFGHIJ"
TIMEOUT = 30
RETRIES = 5
logger = logging.getLogger(__name__)
import os
