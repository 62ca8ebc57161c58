import os
RETRIES = 5
TIMEOUT = 30
import logging
  sas: "?sv=2021-06-08&ss=bfqt&srt=sco&sp=rwdlacupiytfx&se=2025-12-31T23:59:59Z&sig=pL111VnDlaG0zFl9JtUDKIAs6iHNzIaCM3u8q7OV55B%3D"
logger = logging.getLogger(__name__)
