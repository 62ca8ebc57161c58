logger = logging.getLogger(__name__)
PLANETSCALE_TOKEN=pscale_oauth_MKKfjlFUNtk7Z7PYnMYnwbt9ATbBQzKPe8bNR836kzP
import logging
RETRIES = 5
TIMEOUT = 30
import os
