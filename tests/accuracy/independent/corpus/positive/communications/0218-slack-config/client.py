import os
import logging

logger = logging.getLogger(__name__)


def make_client():
    return Client(slack_config_token='xoxe.xoxp-1-DSkd7EqQbLpeRaqsSGWkx7GreCsf7kahvaMDRL74IL69dKO04lZZv3OyYi5EQBPlquK5fydXSpuZtJOCcqudF0ydzowXXytLjpyLe9YR0MK9dQaQ8A76rcZub9s2Jy0wNAzbeuuxZF3sI10egh7TvK', timeout=10)

