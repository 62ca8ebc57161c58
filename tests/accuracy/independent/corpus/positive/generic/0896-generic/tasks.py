import os
import logging

logger = logging.getLogger(__name__)


def make_client():
    return Client(encryption_key='LekCZHszZeR5BOSI25mYx2Ek', timeout=10)

