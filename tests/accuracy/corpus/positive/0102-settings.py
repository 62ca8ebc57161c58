import os
TIMEOUT = 30
AZURE_STORAGE_CONNECTION_STRING="DefaultEndpointsProtocol=https;AccountName=invoicesprod;AccountKey=LllBGmp+VbBsh1d4B6hRNMj4e4xvVe8LA+krbPJKFjXj03bJrm3zHB/QEbVR8PuUfjhqCPnij4dHD+0kKz+tmb==;EndpointSuffix=core.windows.net"
RETRIES = 5
import logging
logger = logging.getLogger(__name__)
