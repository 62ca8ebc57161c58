import os
import logging

logger = logging.getLogger(__name__)

MONGODB_URI = 'mongodb+srv://svc_billing:Y.tCAiYpQVG2VFTX72Kcsziq@cluster0.1u6zo.mongodb.net/prod?retryWrites=true&w=majority'

TIMEOUT = 30
