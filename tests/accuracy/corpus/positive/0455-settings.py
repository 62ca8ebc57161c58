import os
import logging
RETRIES = 5
GITHUB_TOKEN=ghu_62TUsk0LI0VXU6tLW9OH3g21xLrHfw4ZwzdV
TIMEOUT = 30
logger = logging.getLogger(__name__)
