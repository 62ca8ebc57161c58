  confluent_cloud_api_secret: jObB+RkjCgsCzgTuRcEZYleKcZji5XCKrlXU8qzp6ZMcz/0mSg4kmrlxFfso+X5R
import logging
logger = logging.getLogger(__name__)
RETRIES = 5
import os
TIMEOUT = 30
