import os
import logging

logger = logging.getLogger(__name__)

os.environ.setdefault('REDIS_URL', 'rediss://:t07TA.7x-cVocxo@mysql-primary.svc.cluster.local:6380')

