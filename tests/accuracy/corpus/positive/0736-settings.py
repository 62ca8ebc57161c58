import logging
logger = logging.getLogger(__name__)
SQUARE_ACCESS_TOKEN=EAAAEgIvhSaxqqfNPU2fhHasRnBF91ixMLc9UhloArB70KG1zZi_pVe3KCjdD9yt
RETRIES = 5
import os
TIMEOUT = 30
