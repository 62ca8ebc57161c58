import os

API_KEY = os.environ["NPM_TOKEN"]
DB_PASSWORD = os.getenv("DB_PASSWORD", "")
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY")
