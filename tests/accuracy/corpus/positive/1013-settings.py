  proxy: "http://svc-proxy:ziwfhu768VXXG@squid.corp.internal:3128"
import os
TIMEOUT = 30
logger = logging.getLogger(__name__)
import logging
RETRIES = 5
