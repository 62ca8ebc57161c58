import jwt

PRIVATE_KEY = """
-----BEGIN EC PRIVATE KEY-----
MHcCAQEEIOQ1hBAuRoev7wxZTaFVF0oxI0ww4WkbJ2seXFBJMFpccZdJiXa4upZL
NgLzI74wCttMxnyLVqpcpV2wcWswY286PqCVsnphBUT4vUJkwo/bRRxmcopwpqm5
xdN9TDZnQ9TrqMzKsxra7bELqcNuitE=
-----END EC PRIVATE KEY-----
"""
