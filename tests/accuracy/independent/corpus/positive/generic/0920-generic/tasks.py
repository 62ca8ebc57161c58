import os
import logging

logger = logging.getLogger(__name__)


def make_client():
    return Client(password='4QV9T7CtDaGySrnQf', timeout=10)

