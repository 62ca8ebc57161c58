logger = logging.getLogger(__name__)
RETRIES = 5
TIMEOUT = 30
import logging
  "slackUserToken": "xoxp-328363468082-941144878363-4981647111725-5d6859410f1ea366cf325c34b34c8e30",
import os
