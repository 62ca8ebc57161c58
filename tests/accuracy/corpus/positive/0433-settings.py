import os
logger = logging.getLogger(__name__)
import logging
TIMEOUT = 30
resource "datadog" { api_key = "ptlP0ntwfQUjbfL2VxtTG4MF" }
RETRIES = 5
