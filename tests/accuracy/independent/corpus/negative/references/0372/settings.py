import os

API_KEY = os.environ["AWS_SECRET_ACCESS_KEY"]
DB_PASSWORD = os.getenv("DB_PASSWORD", "")
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY")
