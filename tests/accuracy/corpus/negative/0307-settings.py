import os
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
DATABASE_PASSWORD = os.getenv("DB_PASSWORD", "")
API_KEY = config("API_KEY")
AUTH_TOKEN_HEADER = "X-Auth-Token"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
token = request.headers.get("Authorization", "").removeprefix("Bearer ")
