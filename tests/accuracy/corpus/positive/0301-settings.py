import os
RETRIES = 5
  spaces_access_key_id: DO00EFNWSMOGUZLFNPCP
TIMEOUT = 30
import logging
logger = logging.getLogger(__name__)
