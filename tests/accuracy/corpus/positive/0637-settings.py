RETRIES = 5
import logging
  "supabaseServiceRoleKey": "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI0NTI4Mjk1ODAiLCJuYW1lIjoib3BzLWJvdCIsImlhdCI6MTY5MTM4Mzk2NSwicm9sZSI6ImFkbWluIn0.e6NpfOeOrL76xUeoTth57Qq6LiMRmxFZ46-wmKAnGr3",
logger = logging.getLogger(__name__)
import os
TIMEOUT = 30
