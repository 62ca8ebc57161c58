logger = logging.getLogger(__name__)
import os
import logging
RETRIES = 5
curl -H "Authorization: Bearer ghs_3i91V1teT5ASipLsuiKhi8Bg5F28Cp3soB3C" https://api.internal.test/v1/status
TIMEOUT = 30
