import os
import logging

logger = logging.getLogger(__name__)


def make_client():
    return Client(stripe_restricted_key='rk_live_b4kwoBx9kc9ZqxoKyOIZ2s5A', timeout=10)

