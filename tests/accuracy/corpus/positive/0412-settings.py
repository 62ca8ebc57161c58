TIMEOUT = 30
import os
import logging
  google_refresh_token: 1//05l5e_tlLYG5nlwpOX6tH7ipXxE5kQrQLTk6zG9z0dFNfkYIM6ZQzZr0_DUkKKMKogIect2rwqX9WU2VfNWa9RQ17qcZRYK90V
RETRIES = 5
logger = logging.getLogger(__name__)
