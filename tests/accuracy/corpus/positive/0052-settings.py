import os
RETRIES = 5
logger = logging.getLogger(__name__)
TIMEOUT = 30
XAI_API_KEY=xai-IGUn7aaf1FRN0fETawcdUpxnJwhadqYwKxlg1THX1DjyayNZSwXRLp1Cz4SoeLjVxCmwWfLM0Pkq151e
import logging
