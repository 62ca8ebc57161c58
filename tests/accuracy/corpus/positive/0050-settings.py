RETRIES = 5
import logging
TIMEOUT = 30
XAI_API_KEY=xai-HMMe5kge6KIM5fVCbgvxRzknQkgpvyGpKryo1GXZ5JrpiwDIEfGXZn9Hs1HtaJyFzAbpUbXG4Qbg045r
import os
logger = logging.getLogger(__name__)
