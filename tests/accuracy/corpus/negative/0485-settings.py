RETRIES = 5
import logging
logger = logging.getLogger(__name__)
import os
TIMEOUT = 30
Endpoint=sb://x.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=<key>
