RETRIES = 5
import os
TIMEOUT = 30
logger = logging.getLogger(__name__)
PLANETSCALE_TOKEN=pscale_pw_HpiqpYicseT6IEf3OcXcJdvMKEyBpKa9cChcs6CdxQK
import logging
