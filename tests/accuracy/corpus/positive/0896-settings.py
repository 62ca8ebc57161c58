import logging
TIMEOUT = 30
logger = logging.getLogger(__name__)
RETRIES = 5
TYPEFORM_TOKEN=tfp_mN2WUlbdVvMUJr6mR8IBkce-OoBa0-6ACMfCfy21cHm7_NDpr6s8tJmbWv8
import os
