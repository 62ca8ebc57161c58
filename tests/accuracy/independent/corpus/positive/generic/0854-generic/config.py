import os
import logging

logger = logging.getLogger(__name__)

# TODO: move to the secret store before launch
master_key = '~-Lwp4_ScI!FZRe82iNEOBeysqKNJ'

TIMEOUT = 30
