import os
import logging

logger = logging.getLogger(__name__)

# staging account
private_key = "JmkCxI2c2DOXGmiAND9B3qzUjvdlgzmRiqn3HVQPcg4SU7iRss11MPN+nF8CqQ7R"

TIMEOUT = 30
