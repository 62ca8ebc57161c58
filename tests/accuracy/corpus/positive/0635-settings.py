RETRIES = 5
  "supabaseServiceRoleKey": "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI0NTI4Mjk1ODAiLCJuYW1lIjoib3BzLWJvdCIsImlhdCI6MTY5MTM4Mzk2NSwicm9sZSI6ImFkbWluIn0.b8PhcKtCtU31vXqyNlv79Rd0KtAJvhWG94-qrLCzJq5",
import os
TIMEOUT = 30
import logging
logger = logging.getLogger(__name__)
