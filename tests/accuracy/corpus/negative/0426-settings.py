import logging
import os
RETRIES = 5
ANTHROPIC_ADMIN_KEY=sk-ant-admin01-<your admin key>
logger = logging.getLogger(__name__)
TIMEOUT = 30
