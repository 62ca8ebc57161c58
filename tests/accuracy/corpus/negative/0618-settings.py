import os
TELEGRAM_BOT_TOKEN=6696028326:AAxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
logger = logging.getLogger(__name__)
RETRIES = 5
TIMEOUT = 30
import logging
