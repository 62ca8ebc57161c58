import os
import logging

logger = logging.getLogger(__name__)

REDIS_URL = "rediss://:61Ssva+g~F0WeTU@mysql-primary.svc.cluster.local:6380"

TIMEOUT = 30
