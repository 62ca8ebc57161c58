ARTIFACTORY_API_KEY=AKCpkcURuaXIgcK2dLnD2hfAPaj1MxVKSMPaDZ4E3KU7vG1oPzIGca995wnPkKXyoESbC2rO1
logger = logging.getLogger(__name__)
import os
TIMEOUT = 30
import logging
RETRIES = 5
