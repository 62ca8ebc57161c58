RETRIES = 5
  jfrog_access_token: cmVmdGtuOjAxOjl9TBWKpG5eEzuEGfTXOEdaEyyMyYDVmPRqGdZonZr3pmO623Mc
TIMEOUT = 30
logger = logging.getLogger(__name__)
import logging
import os
