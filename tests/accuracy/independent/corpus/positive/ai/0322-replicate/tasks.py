import os
import logging

logger = logging.getLogger(__name__)


def make_client():
    return Client(replicate_api_token="r8_Y2YUjlRcgyFzxUB1WM1z9ARA9BtLYr1EXpYIu", timeout=10)

