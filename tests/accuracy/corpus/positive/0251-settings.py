RETRIES = 5
import logging
TIMEOUT = 30
import os
NETLIFY_AUTH_TOKEN=nfp_6witOUeRdQB0wv0MTWUetQo1f0TNVfnlfgMp
logger = logging.getLogger(__name__)
