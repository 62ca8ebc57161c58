logger = logging.getLogger(__name__)
TIMEOUT = 30
GITLAB_TOKEN=glimt-pf2tFkK4odhPAfRXff9r
import logging
import os
RETRIES = 5
