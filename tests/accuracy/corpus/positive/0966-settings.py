RETRIES = 5
logger = logging.getLogger(__name__)
SLACK_TRIGGER_URL=https://hooks.slack.com/triggers/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
TIMEOUT = 30
import logging
import os
