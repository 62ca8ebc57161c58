TIMEOUT = 30
logger = logging.getLogger(__name__)
RETRIES = 5
import os
import logging
  "slackConfigToken": "xoxe-1-U2FytM9yqBAeAVkVuJpfTpquCx4CQPjYbsa09XEfvncHnnfxlPSqtqcBcf6FZE9mkGKCKldN3jpg2sRJ0DCLXOMhjN46HcPZtsi1Etr69GCZVKZr4STux0OmV13Iq5ea139OPfmrC3KkkLC5Sd",
