TYPEFORM_TOKEN=tfp_mI5IIfhpKmWGTs8xQ1PFecc-JtAj4-6IDQlTfq06gMt7_YRsh3m9nYqlDq5
logger = logging.getLogger(__name__)
RETRIES = 5
import logging
import os
TIMEOUT = 30
