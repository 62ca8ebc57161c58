TIMEOUT = 30
RETRIES = 5
import logging
import os
  fcm_server_key: AAAAvQj_B1S:APA91bYvxL2FMJFeQ3aKqLDf-ubrn1cjixRb5AwiN5ceQl5_4I5Lcw_62Q84R-I3stzxQD56dAh2njbi4EGvXgEL6a9N-AWftvCVY8kyqGsDtAgyVecKrmzH8NZ4r8fMH7lvR8m8DjBu
logger = logging.getLogger(__name__)
