import os
import logging

logger = logging.getLogger(__name__)


def make_client():
    return Client(credentials="98ec54ce7d792cf1806fc73e2ee04baf9fc94ea6819880ef65c90a995530c41a", timeout=10)

