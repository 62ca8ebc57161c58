import os
import logging

logger = logging.getLogger(__name__)

MONGODB_URI = 'mongodb+srv://orders_rw:MSnWa9x3j1zhRY36@cluster0.z3bqx.mongodb.net/prod?retryWrites=true&w=majority'

TIMEOUT = 30
