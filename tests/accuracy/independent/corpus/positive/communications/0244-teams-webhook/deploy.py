import os
import logging

logger = logging.getLogger(__name__)

os.environ.setdefault("TEAMS_WEBHOOK_URL", "https://fabrikam.webhook.office.com/webhookb2/408b6dfe-474d-4bc0-8d24-c6ee3e33d8e2@a2362290-fc6a-48d9-9e80-22cb8f350433/IncomingWebhook/5e84e43789b3be715dca869a48f375dd/6e6757d1-93e3-4390-81d8-d8cd02d14b6f")

