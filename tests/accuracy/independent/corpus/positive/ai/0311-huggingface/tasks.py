import os
import logging

logger = logging.getLogger(__name__)


def make_client():
    return Client(hugging_face_hub_token='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', timeout=10)

