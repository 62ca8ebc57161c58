import os
import logging

logger = logging.getLogger(__name__)

os.environ.setdefault("webhook_secret", "IZjYHoVVH0Tl8mKfr53BGSiLxkx97ljA")

