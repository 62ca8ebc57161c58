import os
  "confluentCloudApiSecret": "Fsqtp4roB7GGb7hp5LLPz46rcKjf1nLY0IQ9xmVINLvuHWR+uQAW71R3CRzCqXG4",
TIMEOUT = 30
logger = logging.getLogger(__name__)
RETRIES = 5
import logging
