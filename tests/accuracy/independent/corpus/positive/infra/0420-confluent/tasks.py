import os
import logging

logger = logging.getLogger(__name__)


def make_client():
    return Client(kafka_api_secret='x2Xyxht9dAD3tCAvABmevQ4llEso57dtjoi2/fiQvVUkugCNcljrBSrKBia82Dvy', timeout=10)

