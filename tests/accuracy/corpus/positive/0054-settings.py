logger = logging.getLogger(__name__)
TIMEOUT = 30
import logging
import os
  xai_api_key: xai-EcufCumIeAVaTeTTffH1RmcGHo5NvIlN8I1TLPlSSZYdPLDNbvpwKV6BWGW8IYV8cvVoN18RLhSBHHgf
RETRIES = 5
