import logging
logger = logging.getLogger(__name__)
import os
RETRIES = 5
TIMEOUT = 30
  doppler_token: dp.pt.ikd.A1JGdhd60lXZTUsrV02zHKdJj6UjGJpkQ8kGJebbpCs
