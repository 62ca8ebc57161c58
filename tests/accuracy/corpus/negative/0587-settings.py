TIMEOUT = 30
logger = logging.getLogger(__name__)
SUPABASE_SECRET_KEY=sb_secret_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
import os
RETRIES = 5
import logging
