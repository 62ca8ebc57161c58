import os
logger = logging.getLogger(__name__)
RETRIES = 5
TIMEOUT = 30
import logging
  "slackConfigToken": "xoxe-1-N7GcyN1ikBMxBFgSjVstFgxeNx6OZVwYchd46PXmtmwSwvyvtDElesfDga0BIS0jmMFGAmfS3osk6cSI5VNUXJIopA97EcBBguc5Riw58NTPUMEv5DWhm6GaC50Mi5da715FZfidI0QtxDM6Fc",
