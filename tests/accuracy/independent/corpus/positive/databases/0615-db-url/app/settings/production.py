import os
import logging

logger = logging.getLogger(__name__)

ConnectionStrings__Default = "Server=tcp:10.0.3.17,1433;Initial Catalog=Orders;User ID=admin;Password=CSduR-7B.IcL_dfdx3fudG;Encrypt=True;"

TIMEOUT = 30
