RETRIES = 5
logger = logging.getLogger(__name__)
TIMEOUT = 30
passwordResetTemplate: "ResetPasswordEmail",
import os
import logging
