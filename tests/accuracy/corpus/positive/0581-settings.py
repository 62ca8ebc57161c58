logger = logging.getLogger(__name__)
mytool login --vault-token hvs.WVFSHgERUSpjQyZ7hz4Zj53BJs5J9ZLx0FPUV5-xdmwHvNeRvIamEKsgdghcdtWeamwSGb9aB5c3mWd5eyh7gAacehN
RETRIES = 5
TIMEOUT = 30
import os
import logging
