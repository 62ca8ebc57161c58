PAGERDUTY_ROUTING_KEY=ljbr15mkobmd4ig7kktquugag8du10wr
import os
TIMEOUT = 30
RETRIES = 5
logger = logging.getLogger(__name__)
import logging
