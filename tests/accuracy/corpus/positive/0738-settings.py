import logging
SQUARE_ACCESS_TOKEN=EAAAEgZmwVfisqbPHY8atDotUcDI83akFFb5RczfAbC37OL8gOr_tHi2TBqcZ7aj
import os
logger = logging.getLogger(__name__)
RETRIES = 5
TIMEOUT = 30
