TIMEOUT = 30
  typeform_token: tfp_WYOLMyrhxjGfFkfUGrAYKPfDFowzOKz0BL7w2YPxDVTq_EF30Fo-usqaYI1
logger = logging.getLogger(__name__)
import os
import logging
RETRIES = 5
