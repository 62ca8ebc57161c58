import logging
logger = logging.getLogger(__name__)
RETRIES = 5
import os
TIMEOUT = 30
var azureClientSecret = "RTP1Q~Givco6jx-4AtHSpkU_PBLH6CT5gqSjagpd";
