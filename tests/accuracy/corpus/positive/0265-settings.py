import logging
logger = logging.getLogger(__name__)
RETRIES = 5
TIMEOUT = 30
SUPABASE_SECRET_KEY=sb_secret_dcwqdAGnkb0uSYewyqQpwo8tUpOyMaM
import os
