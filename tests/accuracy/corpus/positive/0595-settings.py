import os
import logging
  doppler_token: dp.st.prd.F7NTize72tWSFZkmI45lHJqYq6YrYLuhW1mMAnzinHb
logger = logging.getLogger(__name__)
RETRIES = 5
TIMEOUT = 30
