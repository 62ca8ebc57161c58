TELEGRAM_BOT_TOKEN=7899333129:AAT2a11rPgdhvIzo7t_Q9jxukhrr_bmrPj5
RETRIES = 5
import logging
logger = logging.getLogger(__name__)
TIMEOUT = 30
import os
