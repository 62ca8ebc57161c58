import os
import logging

logger = logging.getLogger(__name__)


def make_client():
    return Client(jenkins_token='1119c05c8583dac0616083177878a89493', timeout=10)

