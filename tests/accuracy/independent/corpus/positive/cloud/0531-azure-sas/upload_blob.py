import requests

SAS_URL = "https://billingexports.blob.core.windows.net/exports?sv=2022-11-02&ss=b&srt=co&sp=rwdlac&se=2025-12-31T23:59:59Z&st=2024-01-01T00:00:00Z&spr=https&sig=8giuvp%2FXC%2BWmpjebY%2Fy8eLQ823xjS%2Buf4Nf6BhC913S%3D"

requests.put(SAS_URL, data=b"hello")
