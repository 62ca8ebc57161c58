import logging
logger = logging.getLogger(__name__)
import os
TIMEOUT = 30
config.slack_token = 'xoxr-2-207556265691-402008531139-5c057596946xf6p4gu547a35m81c5d13'
RETRIES = 5
