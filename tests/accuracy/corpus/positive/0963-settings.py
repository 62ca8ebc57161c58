TIMEOUT = 30
RETRIES = 5
logger = logging.getLogger(__name__)
const slackWebhookUrl = 'https://hooks.slack.com/services/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';
import os
import logging
