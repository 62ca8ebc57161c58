import os
import logging

logger = logging.getLogger(__name__)


def make_client():
    return Client(mistral_api_key='zvpv9MVbcHK3MSqJvDXkpIBDTUaYL86h', timeout=10)

