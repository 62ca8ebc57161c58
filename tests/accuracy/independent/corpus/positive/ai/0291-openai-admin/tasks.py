import os
import logging

logger = logging.getLogger(__name__)


def make_client():
    return Client(openai_admin_key="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", timeout=10)

