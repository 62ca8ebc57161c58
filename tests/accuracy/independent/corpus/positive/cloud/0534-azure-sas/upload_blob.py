import requests

SAS_URL = "https://acmeprodstore.blob.core.windows.net/exports?sv=2022-11-02&ss=b&srt=co&sp=rwdlac&se=2025-12-31T23:59:59Z&st=2024-01-01T00:00:00Z&spr=https&sig=i90X1dyLPwNIivX%2BhNZrg%2BJ68CwZ56TsNpURk27WSgT%3D"

requests.put(SAS_URL, data=b"hello")
