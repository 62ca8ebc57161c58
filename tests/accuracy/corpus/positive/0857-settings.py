JFROG_ACCESS_TOKEN=cmVmdGtuOjAxOjSgscLuWBNtsBBiNkhhXWrDRoh6CFSP4X1PxATOO27qjqpPvkig
RETRIES = 5
import os
TIMEOUT = 30
import logging
logger = logging.getLogger(__name__)
