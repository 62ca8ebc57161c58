import os
import logging

logger = logging.getLogger(__name__)

os.environ.setdefault("ConnectionStrings__Default", "Server=tcp:10.0.3.17,1433;Initial Catalog=Orders;User ID=root;Password=gTOL2NeOKoDvN4gf8Fn;Encrypt=True;")

