SLACK_USER_TOKEN=xoxp-558138809096-411334358577-9657404112184-7a455beaa94a02d32c171042dc26a99a
RETRIES = 5
import logging
import os
TIMEOUT = 30
logger = logging.getLogger(__name__)
