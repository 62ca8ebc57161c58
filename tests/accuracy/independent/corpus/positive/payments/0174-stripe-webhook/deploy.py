import os
import logging

logger = logging.getLogger(__name__)

os.environ.setdefault("STRIPE_WEBHOOK_SECRET", "whsec_KG2VScD6P5IWOwcFwX6mBj1kRKAje8hx")

