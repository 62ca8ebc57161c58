import os
import logging
RETRIES = 5
OPENAI_API_KEY=sk-xxxxxxxxxxxxxxxxxxxxT3BlbkFJxxxxxxxxxxxxxxxxxxxx
TIMEOUT = 30
logger = logging.getLogger(__name__)
