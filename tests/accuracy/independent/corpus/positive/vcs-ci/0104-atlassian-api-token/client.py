import os
import logging

logger = logging.getLogger(__name__)


def make_client():
    return Client(jira_api_token='ATATT3xFfGF0VpteFkwcse8Ab69xMoxDZ_sqrdLZIoOnCG3p2WRxFrrKeJK960W2vbWgnWzNw-sVF3mlAYRQTHREuM7bxucERn8Fkqd52Vkdru04Hex09kWbT7u-fUjBJTeEejvZvPAUuTt67YxFpcujv0GZ07f0sxMTRdjexkfTsd8R_9R9_GV03dnk3huU=295A9273', timeout=10)

