import os
  supabase_secret_key: sb_secret_z4kDZxD4eJeZt6HcTfRxEr8yQb69Nka
import logging
RETRIES = 5
TIMEOUT = 30
logger = logging.getLogger(__name__)
