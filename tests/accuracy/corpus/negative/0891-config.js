-----BEGIN PGP PUBLIC KEY BLOCK-----

mQINBGXaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
-----END PGP PUBLIC KEY BLOCK-----
