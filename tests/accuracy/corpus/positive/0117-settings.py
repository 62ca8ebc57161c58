import os
  azure_devops_ext_pat: SuCfCd6CIxlUJFrd2yWGLKscIsDfU9ZGVqI7KQknXRIMHDJtcIumAZDO1Ukg
logger = logging.getLogger(__name__)
RETRIES = 5
TIMEOUT = 30
import logging
