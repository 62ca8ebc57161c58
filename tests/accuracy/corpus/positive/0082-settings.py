logger = logging.getLogger(__name__)
import os
CLAUDE_CODE_OAUTH_TOKEN=sk-ant-oat01-Ilu8HiOwkOQXltG4e1EXXUEMLuINHv8uGm8CdehrmjUqcoooEaHpWADfc7RJ9PgFHOaOa4DJvx5BKFyyJ7x7fsXcHIJQqSL
import logging
RETRIES = 5
TIMEOUT = 30
