import os
import logging
TIMEOUT = 30
curl -H "Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI0NzU2NTUyNzYiLCJuYW1lIjoic3ZjLWJpbGxpbmciLCJpYXQiOjE2ODAyNzkwOTksInJvbGUiOiJyZWFkZXIifQ.0Z3jsCK1rC4MHJpFpw9Etce21ETABbWDVKEVfepc8aS" https://api.internal.test/v1/status
RETRIES = 5
logger = logging.getLogger(__name__)
