import logging
TIMEOUT = 30
SRC_ACCESS_TOKEN=sgp_04f4230cd5889c14_a1a309a328ece6899572c29c226f7affe3605fd5
RETRIES = 5
logger = logging.getLogger(__name__)
import os
