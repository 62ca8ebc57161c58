TIMEOUT = 30
import logging
import os
logger = logging.getLogger(__name__)
RETRIES = 5
  "slackConfigToken": "xoxe-1-Q7HawH0etHOhALuCxWqrHzwhRd1OCCjJczd75REuwboGamrcbQKduqfYet5NIX6lfCECUccB8uji9dLK7CUBQSUkgJ27LuGYaki4Iso39CGDBUJv1FWaq5SyN81Tq5zh527CUaddK6QodLO7By",
