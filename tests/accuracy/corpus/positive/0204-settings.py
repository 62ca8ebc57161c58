import logging
logger = logging.getLogger(__name__)
RETRIES = 5
import os
  alibaba_cloud_access_key_id: LTAI5tLMkBu1FDqJs7CXMeQf
TIMEOUT = 30
