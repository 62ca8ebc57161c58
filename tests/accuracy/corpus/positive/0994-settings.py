import os
const stripeApiKey = 'sk_test_4e853OsTA5ojlBcpVXPf6p9ee2a6KtDSBHds9FHkm2QEB0ftXVKykHn9NJ8sCcrVYjP4Pkf2l0MCWvUTrKyuJiaCkef8z6M71F';
TIMEOUT = 30
RETRIES = 5
logger = logging.getLogger(__name__)
import logging
