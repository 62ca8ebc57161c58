logger = logging.getLogger(__name__)
import os
import logging
TIMEOUT = 30
RETRIES = 5
  anthropic_admin_key: sk-ant-admin01-i2GcOmyPikf6uUHyisSFIPVQR7aae6hyi8nBeFt9-MduXLu78DcT2H2RoUjNKk5v2I-tlWem6UCjfZ5fc2Ad7aSC4JupeAA
