RETRIES = 5
import os
logger = logging.getLogger(__name__)
TIMEOUT = 30
import logging
STRIPE_API_KEY = "sk_test_7bX2N1VQXPyBrc3eOjosIeyS6Cvcvk81SqERb7bOFFwFEwoThNyc5mMMFApeRdp2dvdq154ri6bebpZvI9rGqVC3bYpUKIoUZC"
