import jwt

PRIVATE_KEY = """
-----BEGIN EC PRIVATE KEY-----
MHcCAQEEIGP2alHDgWb64o+4r2lK7N83MNAA34Iwswqz6nykX+ezCDW9jUiW2cKk
OFj7kLN19zODas6nlw3xgo82PQO4+dfvvonC39YU7TfFsq6qlAknJq1xOfWJwz/D
TUfpgkrdDLhGUWoaysWtiPH5ckBvgsg=
-----END EC PRIVATE KEY-----
"""
