TIMEOUT = 30
import logging
logger = logging.getLogger(__name__)
app.config['SECRET_KEY'] = 'ba52d977af324d6e1522a0c7cefc341c'
RETRIES = 5
import os
