RETRIES = 5
import logging
TEAMS_FLOW_URL="https://prod-23.westeurope.logic.azure.com:443/workflows/57e446103f7d2b78e8571c652ce39832/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=4qwLrlWlBjxz27PudqGZxuZnnRmhXKtdhR3kOQKLg7d"
TIMEOUT = 30
logger = logging.getLogger(__name__)
import os
