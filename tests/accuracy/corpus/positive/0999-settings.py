RETRIES = 5
logger = logging.getLogger(__name__)
STRIPE_API_KEY=rk_test_71oIZ3pU2tNnN3Zom77bgrjt
TIMEOUT = 30
import logging
import os
