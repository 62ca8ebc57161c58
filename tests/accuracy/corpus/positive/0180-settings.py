TIMEOUT = 30
import os
RETRIES = 5
import logging
logger = logging.getLogger(__name__)
HARNESS_API_KEY=pat.GTsTHzmfJOS1EzDj2ndvcg.5e35fd14e4b617ebe28336e0.tco9sp2QreWaPdXpzS3v
