  acr_password: ajJOyOZ13Yzst2JDmcl6YQeiFZixWNasLabV9RVavE+ACRfuK30W
import logging
import os
logger = logging.getLogger(__name__)
RETRIES = 5
TIMEOUT = 30
