import os
GITLAB_TOKEN=glptt-GRrNvQfW-2lSOS20V5_x
import logging
RETRIES = 5
TIMEOUT = 30
logger = logging.getLogger(__name__)
