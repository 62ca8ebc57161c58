logger = logging.getLogger(__name__)
import os
RETRIES = 5
STRIPE_API_KEY = "sk_test_7aP5V3HGBUnObs8bDorwMbbA4Dljll10QoSPd3lSOWuSQryUkDas5tLVJBycAsm9esbz303df5xgeqUkG0kObGB4aYzHZTbWBL"
TIMEOUT = 30
import logging
