  "cohereApiKey": "WC2iKRMIsAIvw5ttkC77nQI677a2lR2cJ8zUKlr3",
RETRIES = 5
logger = logging.getLogger(__name__)
TIMEOUT = 30
import logging
import os
