import logging
  figma_token: figd_W3s-uJy7z-9C3Z6uoVx-gWhBUbI55NAw1aWAE60t
import os
RETRIES = 5
TIMEOUT = 30
logger = logging.getLogger(__name__)
