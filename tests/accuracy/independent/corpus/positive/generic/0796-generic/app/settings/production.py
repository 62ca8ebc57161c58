import os
import logging

logger = logging.getLogger(__name__)

# ask #platform for access
token = "d3c389e30e91c7f2efccd179ff294e9df146003c3d78ebad74792e2e3d268b46"

TIMEOUT = 30
