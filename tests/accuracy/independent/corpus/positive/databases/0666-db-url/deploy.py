import os
import logging

logger = logging.getLogger(__name__)

os.environ.setdefault("SPRING_DATASOURCE_URL", "jdbc:postgresql://10.0.3.17:5432/orders?user=app&password=udOL3ei07WZdug5rN")

