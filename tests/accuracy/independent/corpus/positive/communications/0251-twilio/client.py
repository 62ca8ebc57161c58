import os
import logging

logger = logging.getLogger(__name__)


def make_client():
    return Client(twilio_api_secret="ab3bd5efe7b0f371837168f1656a4f84", timeout=10)

