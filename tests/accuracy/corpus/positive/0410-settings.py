import logging
TIMEOUT = 30
import os
RETRIES = 5
logger = logging.getLogger(__name__)
GOOGLE_REFRESH_TOKEN=1//05knKHDCRLLLcdqjtC216Xa9_1cNXDhhK7GaeoOaYZBUScppONIYduN365iyMtzTB9uf57HBd1rPwZsZmMrTYh2NLZZQ1vLgYg
