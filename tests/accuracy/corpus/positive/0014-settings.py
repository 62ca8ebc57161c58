import os
logger = logging.getLogger(__name__)
TIMEOUT = 30
  "anthropicApiKey": "sk-ant-api03-n_99q7sbQ3ynkn-pfdnkQmCslBwC8pa8gNF-oKO4DqtUKmRLvUfAbmN_6a9TWy7_f3wuBGHJu_1aVlLQcJuBca3229wolAA",
RETRIES = 5
import logging
