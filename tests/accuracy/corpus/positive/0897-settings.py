  typeform_token: tfp_BWTBSnmosbEeGlcZWgZTEObUYhhmZAa8OD9x0FNxRDUw_GO06Mq-stmqXJ7
import os
TIMEOUT = 30
RETRIES = 5
logger = logging.getLogger(__name__)
import logging
