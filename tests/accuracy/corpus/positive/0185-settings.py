import os
logger = logging.getLogger(__name__)
RETRIES = 5
import logging
TIMEOUT = 30
PREFECT_API_KEY=pnu_vlMcGrVULVJNOQ28doD9ZbrggbJA35PYqkoQ
