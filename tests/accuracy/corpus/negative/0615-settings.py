RETRIES = 5
TIMEOUT = 30
DISCORD_BOT_TOKEN=${DISCORD_BOT_TOKEN}
import os
logger = logging.getLogger(__name__)
import logging
