import os
TELEGRAM_BOT_TOKEN="6696028326:AA<your-telegram-bot-token>"
RETRIES = 5
import logging
logger = logging.getLogger(__name__)
TIMEOUT = 30
