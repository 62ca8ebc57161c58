import os
import logging

logger = logging.getLogger(__name__)


def make_client():
    return Client(database_url='postgres://app:vrxD8F1OjR2VQN!.Mh.b@mysql-primary.svc.cluster.local:5432/orders', timeout=10)

