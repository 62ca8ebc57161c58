TIMEOUT = 30
logger = logging.getLogger(__name__)
import logging
import os
RETRIES = 5
spring.datasource.url=jdbc:mysql://db.prod:3306/shop?user=shop&password=7tq7KnEJkUJVm4H&useSSL=true
