TIMEOUT = 30
import os
logger = logging.getLogger(__name__)
import logging
CONFLUENT_CLOUD_API_SECRET=Kd5bGqBnnXmmkkhkKoBaw+zzGBUx1usYXyHcaccR50Xd/DI4M3L7eKZuktg+Ri5z
RETRIES = 5
