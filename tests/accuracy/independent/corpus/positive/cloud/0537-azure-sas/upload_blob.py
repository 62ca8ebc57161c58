import requests

SAS_URL = "https://stlogsweu01.blob.core.windows.net/exports?sv=2022-11-02&ss=b&srt=co&sp=rwdlac&se=2025-12-31T23:59:59Z&st=2024-01-01T00:00:00Z&spr=https&sig=WvzQomddGrWpXf2%2BYFoZuG7UzfWjnDAOt6lDx5vvORS%3D"

requests.put(SAS_URL, data=b"hello")
