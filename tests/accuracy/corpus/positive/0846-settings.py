NUGET_API_KEY=oy23ngr9bqudwh12a3dsgln0imvgsj9wkt4dd9fvvij33q
import os
RETRIES = 5
logger = logging.getLogger(__name__)
TIMEOUT = 30
import logging
