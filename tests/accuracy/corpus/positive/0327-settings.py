  discord_webhook_url: https://discord.com/api/webhooks/7554062744201601298/241P35L2fjRWSWkOXO5OHhCqivHi18qnbVVjb_wvDUO3UCQdsKFdXxKPTaJsp0CcfbZV
logger = logging.getLogger(__name__)
import os
import logging
TIMEOUT = 30
RETRIES = 5
