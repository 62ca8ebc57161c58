RETRIES = 5
import os
  mapbox_secret_token: sk.eyJ1IjogIuzoa0pks8z9QzxnWpDoVhHhASjoG0AhbQW4n9BsbvG8fFQ6aL6gbhJgQiI6.eE2LfzR6z3Vv0Y_5H5ar4P
import logging
TIMEOUT = 30
logger = logging.getLogger(__name__)
