RETRIES = 5
logger = logging.getLogger(__name__)
import os
Server=db;Database=x;User Id=sa;Password=<YourStrong@Passw0rd>;
import logging
TIMEOUT = 30
