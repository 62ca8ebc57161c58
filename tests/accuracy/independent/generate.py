#!/usr/bin/env python3
"""Independent accuracy corpus for keyhound (issue 4).

Unlike tests/accuracy/generate.py, nothing here is derived from the rule pack:
this generator was written from the providers' documented key formats
(prefix, length, alphabet, checksum) without reading rules/*.toml, so the
recall it measures is not the rules' own idea of the format. Sources for
the formats are noted next to each generator (provider docs, changelogs and
token-format write-ups found through the documentation search).

Positives: >= 600 fake secrets, each embedded in a realistic file (varied
file types, indentation, quoting, comments), labelled with family, provider,
the expected secret and the line(s) it must be reported on.

Hard negatives: >= 600 files of the kinds where false positives live
(lockfiles, minified JS, base64 assets, identifiers and checksums, docs with
placeholder keys, test fixtures, secret references, generated code, i18n,
CSS, versions, public keys and certificates, SRI hashes, IaC references).
Any finding anywhere in a negative file is a false positive.

Every value is fake (random from a fixed seed). Run from the repository root:
    python3 tests/accuracy/independent/generate.py
The output is deterministic; commit corpus/ (with labels.json) alongside.
"""
import base64
import hashlib
import json
import os
import random
import re
import shutil
import string
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, 'corpus')
rng = random.Random(20240604)

DIG = string.digits
LOW = string.ascii_lowercase
UPP = string.ascii_uppercase
ALNUM = DIG + UPP + LOW
B62 = DIG + UPP + LOW  # GitHub's base62 alphabet (digits, upper, lower)
HEXL = '0123456789abcdef'
HEXU = '0123456789ABCDEF'
B64 = UPP + LOW + DIG + '+/'
B64URL = UPP + LOW + DIG + '-_'
B32 = UPP + '234567'


def rs(alphabet, n):
    """Random string; rerolled while it has a run of 3 equal characters
    (real random keys rarely do, and placeholders always do)."""
    while True:
        s = ''.join(rng.choice(alphabet) for _ in range(n))
        if not any(s[i] == s[i + 1] == s[i + 2] for i in range(n - 2)):
            return s


def b62(n, width):
    out = ''
    while n:
        out = B62[n % 62] + out
        n //= 62
    return out.rjust(width, '0')


def crc_token(prefix, n=30):
    """GitHub (2021 format) and npm tokens: prefix + 30 base62 characters of
    entropy + CRC32 of the entropy in 6 base62 characters."""
    body = rs(B62, n)
    return prefix + body + b62(zlib.crc32(body.encode()), 6)


def uuid4():
    h = rs(HEXL, 32)
    return f'{h[:8]}-{h[8:12]}-4{h[13:16]}-{rng.choice("89ab")}{h[17:20]}-{h[20:]}'


def b64e(b):
    return base64.b64encode(b).decode()


def b64u(b):
    return base64.urlsafe_b64encode(b).decode().rstrip('=')


def rbytes(n):
    return bytes(rng.randrange(256) for _ in range(n))


def password(n=None):
    n = n or rng.randrange(14, 30)
    # letters, digits and punctuation that is safe unquoted in URLs and shells
    while True:
        s = rs(ALNUM + ALNUM + '-_.!*~+=', n)
        if sum(c.isdigit() for c in s) >= 2 and any(c.isupper() for c in s) and any(c.islower() for c in s):
            return s


# ---------------------------------------------------------------- bech32 (age)
BECH = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l'


def _polymod(values):
    gen = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3]
    chk = 1
    for v in values:
        top = chk >> 25
        chk = (chk & 0x1ffffff) << 5 ^ v
        for i in range(5):
            chk ^= gen[i] if ((top >> i) & 1) else 0
    return chk


def bech32(hrp, data8):
    acc, bits, data = 0, 0, []
    for b in data8:
        acc = (acc << 8) | b
        bits += 8
        while bits >= 5:
            bits -= 5
            data.append((acc >> bits) & 31)
    if bits:
        data.append((acc << (5 - bits)) & 31)
    hv = [ord(x) >> 5 for x in hrp] + [0] + [ord(x) & 31 for x in hrp]
    pm = _polymod(hv + data + [0] * 6) ^ 1
    chk = [(pm >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + '1' + ''.join(BECH[d] for d in data + chk)


# ------------------------------------------------------------ PEM and friends
def pem_lines(der_prefix, nbytes, width=64):
    body = b64e(der_prefix + rbytes(nbytes))
    return [body[i:i + width] for i in range(0, len(body), width)]


# DER headers so the bodies start the way real keys do (MII..., PKCS#8 OID)
PEM_KINDS = {
    'RSA PRIVATE KEY': (bytes.fromhex('308204a40201000282010100'), 1180),
    'PRIVATE KEY': (bytes.fromhex('308204be020100300d06092a864886f70d0101010500048204a8'), 1190),
    'EC PRIVATE KEY': (bytes.fromhex('30770201010420'), 112),
    'DSA PRIVATE KEY': (bytes.fromhex('308201bb02010002818100'), 430),
    'ENCRYPTED PRIVATE KEY': (bytes.fromhex('308205163040'), 1290),
}


def pem_private(kind=None):
    kind = kind or rng.choice(list(PEM_KINDS))
    pre, n = PEM_KINDS[kind]
    lines = pem_lines(pre, n)
    return kind, [f'-----BEGIN {kind}-----'] + lines + [f'-----END {kind}-----']


def openssh_private():
    # openssh-key-v1 container: "openssh-key-v1\0" + cipher "none" ... base64, 70 columns
    raw = b'openssh-key-v1\x00\x00\x00\x00\x04none\x00\x00\x00\x04none\x00\x00\x00\x00\x00\x00\x00\x01\x00\x00\x003\x00\x00\x00\x0bssh-ed25519' + rbytes(330)
    body = b64e(raw)
    lines = [body[i:i + 70] for i in range(0, len(body), 70)]
    return ['-----BEGIN OPENSSH PRIVATE KEY-----'] + lines + ['-----END OPENSSH PRIVATE KEY-----']


def pgp_private():
    body = b64e(bytes([0x95, 0x03, 0xc6]) + rbytes(900))
    lines = [body[i:i + 64] for i in range(0, len(body), 64)]
    crc = b64e(rbytes(3))
    return ['-----BEGIN PGP PRIVATE KEY BLOCK-----', '', *lines, '=' + crc, '-----END PGP PRIVATE KEY BLOCK-----']


def ppk():
    """PuTTY key file, format 2 or 3 (documented in the PuTTY manual, appendix C)."""
    if rng.random() < 0.5:
        pub = b64e(b'\x00\x00\x00\x0bssh-ed25519\x00\x00\x00 ' + rbytes(32))
        priv = b64e(b'\x00\x00\x00 ' + rbytes(32))
        lines = ['PuTTY-User-Key-File-3: ssh-ed25519', 'Encryption: none',
                 f'Comment: eddsa-key-2024{rng.randrange(1, 13):02d}{rng.randrange(1, 29):02d}',
                 'Public-Lines: 2', pub[:64], pub[64:], 'Private-Lines: 1', priv,
                 'Private-MAC: ' + rs(HEXL, 64)]
        return lines, priv
    pub = b64e(b'\x00\x00\x00\x07ssh-rsa\x00\x00\x00\x03\x01\x00\x01\x00\x00\x01\x01\x00' + rbytes(256))
    privb = b64e(b'\x00\x00\x01\x00' + rbytes(860))
    publ = [pub[i:i + 64] for i in range(0, len(pub), 64)]
    privl = [privb[i:i + 64] for i in range(0, len(privb), 64)]
    lines = ['PuTTY-User-Key-File-2: ssh-rsa', 'Encryption: none', 'Comment: imported-openssh-key',
             f'Public-Lines: {len(publ)}', *publ, f'Private-Lines: {len(privl)}', *privl,
             'Private-MAC: ' + rs(HEXL, 40)]
    return lines, privl[1]


def jwt(claims=None, alg='HS256'):
    now = 1700000000 + rng.randrange(30000000)
    claims = claims or {'sub': str(rng.randrange(10**6, 10**7)), 'name': rng.choice(['Ada Lovelace', 'Grace Hopper', 'svc-billing']),
                        'iat': now, 'exp': now + 3600 * rng.choice([1, 24, 720]),
                        'iss': rng.choice(['https://auth.acme-corp.io/', 'https://login.example-app.net', 'billing-api'])}
    head = b64u(json.dumps({'alg': alg, 'typ': 'JWT'}, separators=(',', ':')).encode())
    body = b64u(json.dumps(claims, separators=(',', ':')).encode())
    sig = b64u(rbytes(32 if alg.startswith('HS') else 256))
    return f'{head}.{body}.{sig}'


# ============================================================== provider formats
# Each entry: family, provider, env-style names used in real projects, generator.
F = []


def fmt(family, provider, names, n=4):
    def deco(fn):
        F.append((family, provider, names, fn, n))
        return fn
    return deco


# --- cloud ---------------------------------------------------------------
# AWS: access key ids are AKIA/ASIA + 16 characters of base32 (A-Z2-7);
# secret access keys are 40 characters of base64 (IAM user guide).
def aws_id(prefix='AKIA'):
    return prefix + rs(B32, 16)


def aws_secret():
    return rs(UPP + LOW + DIG + '+/', 40)


@fmt('cloud', 'gcp-api-key', ['GOOGLE_API_KEY', 'GCP_API_KEY', 'MAPS_API_KEY', 'firebaseApiKey'])
def _():  # Google API keys: "AIza" + 35 characters [A-Za-z0-9_-]
    return 'AIza' + rs(B64URL, 35)


@fmt('cloud', 'gcp-oauth-client-secret', ['GOOGLE_CLIENT_SECRET', 'client_secret', 'OAUTH_CLIENT_SECRET'])
def _():  # Google OAuth client secrets since 2021: "GOCSPX-" + 28 characters
    return 'GOCSPX-' + rs(B64URL, 28)


@fmt('cloud', 'azure-ad-client-secret', ['AZURE_CLIENT_SECRET', 'ClientSecret', 'ARM_CLIENT_SECRET', 'azure_client_secret'])
def _():  # Entra ID client secrets: 3 chars, a digit, "Q~", then 34 of [A-Za-z0-9_.~-]
    return rs(ALNUM, 3) + rng.choice('78') + 'Q~' + rs(ALNUM + '_.~-', 34)


@fmt('cloud', 'alibaba-access-key-secret', ['ALIBABA_CLOUD_ACCESS_KEY_SECRET', 'ALICLOUD_SECRET_KEY', 'aliyun_access_key_secret'], 3)
def _():  # AccessKey secret: 30 alphanumerics (id is LTAI + 12..20)
    return rs(ALNUM, 30)


@fmt('cloud', 'ibm-cloud-api-key', ['IBMCLOUD_API_KEY', 'IC_API_KEY', 'ibm_api_key'], 3)
def _():  # IBM Cloud API keys: 44 characters [A-Za-z0-9_-]
    return rs(B64URL, 44)


@fmt('cloud', 'digitalocean', ['DIGITALOCEAN_TOKEN', 'DO_API_TOKEN', 'DIGITALOCEAN_ACCESS_TOKEN'])
def _():  # DigitalOcean tokens: dop_v1_/doo_v1_/dor_v1_ + 64 hex
    return rng.choice(['dop_v1_', 'doo_v1_', 'dor_v1_']) + rs(HEXL, 64)


@fmt('cloud', 'linode', ['LINODE_TOKEN', 'LINODE_CLI_TOKEN', 'linode_api_token'], 3)
def _():  # Linode personal access tokens: 64 hex
    return rs(HEXL, 64)


@fmt('cloud', 'vultr', ['VULTR_API_KEY', 'vultr_api_key'], 3)
def _():  # Vultr API keys: 36 upper-case alphanumerics
    return rs(UPP + DIG, 36)


@fmt('cloud', 'scaleway', ['SCW_SECRET_KEY', 'SCALEWAY_SECRET_KEY'], 3)
def _():  # Scaleway secret keys are UUIDs (access keys are SCW + 17)
    return uuid4()


@fmt('cloud', 'cloudflare-api-token', ['CLOUDFLARE_API_TOKEN', 'CF_API_TOKEN', 'cloudflare_api_token'])
def _():  # Cloudflare API tokens: 40 characters [A-Za-z0-9_-]
    return rs(B64URL, 40)


@fmt('cloud', 'cloudflare-global-key', ['CLOUDFLARE_API_KEY', 'CF_API_KEY'], 3)
def _():  # Cloudflare global API key: 37 lowercase hex
    return rs(HEXL, 37)


@fmt('cloud', 'fastly', ['FASTLY_API_TOKEN', 'FASTLY_API_KEY'], 3)
def _():  # Fastly API tokens: 32 characters [A-Za-z0-9_-]
    return rs(B64URL, 32)


@fmt('cloud', 'heroku', ['HEROKU_API_KEY', 'HEROKU_AUTH_TOKEN'], 3)
def _():  # Heroku: legacy UUID keys, new HRKU- tokens
    return uuid4() if rng.random() < 0.5 else 'HRKU-AA' + rs(B64URL, 58)


@fmt('cloud', 'vercel', ['VERCEL_TOKEN', 'VERCEL_API_TOKEN'], 3)
def _():  # Vercel access tokens: 24 alphanumerics
    return rs(ALNUM, 24)


@fmt('cloud', 'netlify', ['NETLIFY_AUTH_TOKEN', 'NETLIFY_API_TOKEN'], 3)
def _():  # Netlify personal access tokens: nfp_ + 36 alphanumerics + 4
    return 'nfp_' + rs(ALNUM, 40)


@fmt('cloud', 'flyio', ['FLY_API_TOKEN', 'FLY_ACCESS_TOKEN'], 3)
def _():  # Fly.io: fo1_ + 43 base64url (org tokens); FlyV1 fm2_ macaroons
    if rng.random() < 0.5:
        return 'fo1_' + rs(B64URL, 43)
    return 'FlyV1 fm2_' + b64e(rbytes(180)).rstrip('=')


@fmt('cloud', 'render', ['RENDER_API_KEY'], 3)
def _():  # Render API keys: rnd_ + 32 alphanumerics
    return 'rnd_' + rs(ALNUM, 32)


# --- VCS and CI ------------------------------------------------------------
# GitHub (github.blog, 2021-04-05 "Behind GitHub's new authentication token
# formats"): ghp_/gho_/ghu_/ghs_/ghr_ + 30 base62 + CRC32 as 6 base62.
for _p, _n in [('ghp_', ['GITHUB_TOKEN', 'GH_TOKEN', 'GITHUB_PAT', 'github_token']),
               ('gho_', ['GITHUB_OAUTH_TOKEN', 'oauth_token']),
               ('ghu_', ['GITHUB_USER_TOKEN', 'GH_APP_USER_TOKEN']),
               ('ghs_', ['GITHUB_APP_TOKEN', 'GH_INSTALLATION_TOKEN']),
               ('ghr_', ['GITHUB_REFRESH_TOKEN', 'refresh_token'])]:
    F.append(('vcs-ci', 'github-' + _p[:3], _n, (lambda p=_p: crc_token(p)), 5))


@fmt('vcs-ci', 'github-fine-grained', ['GITHUB_TOKEN', 'GH_PAT', 'GITHUB_PAT'], 6)
def _():  # fine-grained PATs: github_pat_ + 22 + "_" + 59
    return 'github_pat_' + rs(ALNUM, 22) + '_' + rs(ALNUM, 59)


@fmt('vcs-ci', 'gitlab-pat', ['GITLAB_TOKEN', 'GL_TOKEN', 'GITLAB_PRIVATE_TOKEN', 'CI_JOB_PAT'], 5)
def _():  # glpat- + 20 [A-Za-z0-9_-]; routable since 2024: glpat-<payload>.01.<crc>
    if rng.random() < 0.6:
        return 'glpat-' + rs(B64URL, 20)
    return 'glpat-' + rs(B64URL, 27) + '.01.' + rs(LOW + DIG, 9)


@fmt('vcs-ci', 'gitlab-other', ['GITLAB_DEPLOY_TOKEN', 'RUNNER_TOKEN', 'GITLAB_TRIGGER_TOKEN', 'GITLAB_FEED_TOKEN'], 6)
def _():  # deploy gldt-, runner glrt-, pipeline trigger glptt- + 40 hex, feed glft-
    k = rng.randrange(4)
    return ['gldt-' + rs(B64URL, 20), 'glrt-' + rs(B64URL, 20), 'glptt-' + rs(HEXL, 40), 'glft-' + rs(B64URL, 20)][k]


@fmt('vcs-ci', 'bitbucket-app-password', ['BITBUCKET_APP_PASSWORD', 'BB_APP_PASSWORD'], 3)
def _():  # Bitbucket app passwords: ATBB + 32 alphanumerics + 8 hex
    return 'ATBB' + rs(ALNUM, 32) + rs(HEXU, 8)


@fmt('vcs-ci', 'atlassian-api-token', ['ATLASSIAN_API_TOKEN', 'JIRA_API_TOKEN', 'CONFLUENCE_API_TOKEN'], 4)
def _():  # Atlassian API tokens: ATATT3xFfGF0 + ~180 base64url + "=" + 8 hex
    return 'ATATT3xFfGF0' + rs(B64URL, 180) + '=' + rs(HEXU, 8)


@fmt('vcs-ci', 'circleci', ['CIRCLECI_TOKEN', 'CIRCLE_TOKEN'], 3)
def _():  # CircleCI personal tokens: CCIPAT_ + 22 + "_" + 40 hex
    return 'CCIPAT_' + rs(ALNUM, 22) + '_' + rs(HEXL, 40)


@fmt('vcs-ci', 'buildkite', ['BUILDKITE_API_TOKEN', 'BUILDKITE_TOKEN'], 3)
def _():  # Buildkite user API tokens: bkua_ + 40 hex
    return 'bkua_' + rs(HEXL, 40)


@fmt('vcs-ci', 'travis', ['TRAVIS_API_TOKEN', 'TRAVIS_TOKEN'], 3)
def _():  # Travis CI API tokens: 22 characters [A-Za-z0-9_-]
    return rs(B64URL, 22)


@fmt('vcs-ci', 'drone', ['DRONE_TOKEN'], 3)
def _():  # Drone personal tokens: 32 alphanumerics
    return rs(ALNUM, 32)


@fmt('vcs-ci', 'jenkins', ['JENKINS_API_TOKEN', 'JENKINS_TOKEN'], 3)
def _():  # Jenkins API tokens (2.129+): "11" + 32 hex
    return '11' + rs(HEXL, 32)


# --- package registries ---------------------------------------------------
@fmt('registries', 'npm', ['NPM_TOKEN', 'NODE_AUTH_TOKEN', 'npm_token'], 8)
def _():  # npm (changelog 2021-09-23): npm_ + 30 base62 + CRC32 in base62
    return crc_token('npm_')


def pypi_token():
    # PyPI: "pypi-" + base64url(macaroon v2 binary, location "pypi.org")
    ident = json.dumps({'version': 1, 'uid': uuid4()}).encode()  # placeholder id shape
    raw = bytes([2, 1, 8]) + b'pypi.org' + bytes([2, len(ident)]) + ident + bytes([0])
    cav = json.dumps({'version': 1, 'permissions': {'projects': [rng.choice(['acme-sdk', 'fastwidget', 'tinyparse'])]}}).encode()
    raw += bytes([2, len(cav)]) + cav + bytes([0, 0, 6, 32]) + rbytes(32)
    return 'pypi-' + b64u(raw)


@fmt('registries', 'pypi', ['PYPI_TOKEN', 'TWINE_PASSWORD', 'PYPI_API_TOKEN'], 6)
def _():
    return pypi_token()


@fmt('registries', 'rubygems', ['GEM_HOST_API_KEY', 'RUBYGEMS_API_KEY'], 5)
def _():  # RubyGems API keys: rubygems_ + 48 hex
    return 'rubygems_' + rs(HEXL, 48)


@fmt('registries', 'crates-io', ['CARGO_REGISTRY_TOKEN', 'CRATES_IO_TOKEN'], 5)
def _():  # crates.io tokens: cio + 32 alphanumerics
    return 'cio' + rs(ALNUM, 32)


@fmt('registries', 'nuget', ['NUGET_API_KEY', 'NUGET_KEY'], 5)
def _():  # NuGet.org API keys: oy2 + 43 lowercase alphanumerics
    return 'oy2' + rs(LOW + DIG, 43)


@fmt('registries', 'docker-hub', ['DOCKERHUB_TOKEN', 'DOCKER_PASSWORD', 'DOCKER_HUB_TOKEN'], 6)
def _():  # Docker Hub personal/org access tokens: dckr_pat_/dckr_oat_ + 27
    return rng.choice(['dckr_pat_', 'dckr_pat_', 'dckr_oat_']) + rs(B64URL, 27)


@fmt('registries', 'jfrog', ['ARTIFACTORY_API_KEY', 'JFROG_ACCESS_TOKEN', 'ARTIFACTORY_TOKEN'], 5)
def _():  # JFrog: API keys AKCp + 69; reference tokens base64("reftkn:01:...")
    if rng.random() < 0.5:
        return 'AKCp' + rs(ALNUM, 69)
    # reference tokens are 64 characters: base64("reftkn:01:<expiry>:<27>")
    return b64e(b'reftkn:01:' + str(1900000000 + rng.randrange(10**8)).encode() + b':' + rs(ALNUM, 27).encode()).rstrip('=')


# --- payments --------------------------------------------------------------
@fmt('payments', 'stripe-secret', ['STRIPE_SECRET_KEY', 'STRIPE_API_KEY', 'stripe_secret'], 8)
def _():  # Stripe: sk_live_ + 24 (older) or 99 (current) alphanumerics
    return 'sk_live_' + rs(ALNUM, rng.choice([24, 99]))


@fmt('payments', 'stripe-restricted', ['STRIPE_RESTRICTED_KEY', 'STRIPE_KEY'], 4)
def _():
    return 'rk_live_' + rs(ALNUM, rng.choice([24, 99]))


@fmt('payments', 'stripe-webhook', ['STRIPE_WEBHOOK_SECRET', 'STRIPE_ENDPOINT_SECRET'], 4)
def _():  # webhook signing secrets: whsec_ + 32 base64 characters
    return 'whsec_' + rs(ALNUM, 32)


@fmt('payments', 'square', ['SQUARE_ACCESS_TOKEN', 'SQUARE_APPLICATION_SECRET'], 6)
def _():  # Square production access tokens EAAA + 60; app secrets sq0csp- + 43
    k = rng.randrange(3)
    return ['EAAA' + rs(B64URL, 60), 'sq0csp-' + rs(B64URL, 43), 'sq0atp-' + rs(B64URL, 22)][k]


@fmt('payments', 'braintree', ['BRAINTREE_ACCESS_TOKEN', 'PAYPAL_ACCESS_TOKEN'], 4)
def _():  # Braintree/PayPal access tokens: access_token$production$<16>$<32 hex>
    return f'access_token$production${rs(LOW + DIG, 16)}${rs(HEXL, 32)}'


@fmt('payments', 'paypal-client-secret', ['PAYPAL_CLIENT_SECRET', 'PAYPAL_SECRET'], 3)
def _():  # PayPal REST client secrets: 80 characters [A-Za-z0-9_-]
    return 'E' + rs(B64URL, 79)


@fmt('payments', 'adyen', ['ADYEN_API_KEY'], 3)
def _():  # Adyen API keys: "AQE" + base64 blocks joined by "-"
    return 'AQE' + rs(B64, 66) + '==-' + rs(B64, 43) + '=-' + rs(ALNUM, 16)


@fmt('payments', 'shopify', ['SHOPIFY_ACCESS_TOKEN', 'SHOPIFY_API_SECRET', 'SHOPIFY_ADMIN_TOKEN'], 6)
def _():  # Shopify: shpat_/shpca_/shppa_/shpss_ + 32 hex
    return rng.choice(['shpat_', 'shpca_', 'shppa_', 'shpss_']) + rs(HEXL, 32)


@fmt('payments', 'plaid', ['PLAID_SECRET', 'PLAID_SECRET_PRODUCTION'], 3)
def _():  # Plaid secrets: 30 hex
    return rs(HEXL, 30)


@fmt('payments', 'coinbase', ['COINBASE_API_SECRET'], 3)
def _():  # Coinbase (legacy) API secrets: 32 alphanumerics
    return rs(ALNUM, 32)


# --- communications --------------------------------------------------------
@fmt('communications', 'slack-bot', ['SLACK_BOT_TOKEN', 'SLACK_TOKEN', 'slack_token'], 5)
def _():  # xoxb-<team>-<bot>-<24 alnum>
    return f'xoxb-{rng.randrange(10**10, 10**13)}-{rng.randrange(10**10, 10**13)}-{rs(ALNUM, 24)}'


@fmt('communications', 'slack-user', ['SLACK_USER_TOKEN', 'SLACK_OAUTH_TOKEN'], 4)
def _():  # xoxp-<team>-<user>-<app>-<32 hex>
    return f'xoxp-{rng.randrange(10**10, 10**13)}-{rng.randrange(10**10, 10**13)}-{rng.randrange(10**10, 10**13)}-{rs(HEXL, 32)}'


@fmt('communications', 'slack-app', ['SLACK_APP_TOKEN'], 4)
def _():  # app-level tokens: xapp-1-A<10>-<13 digits>-<64 hex>
    return f'xapp-1-A{rs(UPP + DIG, 10)}-{rng.randrange(10**12, 10**13)}-{rs(HEXL, 64)}'


@fmt('communications', 'slack-config', ['SLACK_CONFIG_TOKEN'], 2)
def _():  # configuration tokens: xoxe.xoxp-1-<~150>
    return 'xoxe.xoxp-1-' + rs(ALNUM, 150)


@fmt('communications', 'slack-webhook', ['SLACK_WEBHOOK_URL', 'slack_webhook', 'SLACK_WEBHOOK'], 6)
def _():  # https://hooks.slack.com/services/T<id>/B<id>/<24 alnum>
    return f'https://hooks.slack.com/services/T{rs(UPP + DIG, 10)}/B{rs(UPP + DIG, 10)}/{rs(ALNUM, 24)}'


@fmt('communications', 'discord-webhook', ['DISCORD_WEBHOOK_URL', 'discord_webhook'], 6)
def _():  # https://discord.com/api/webhooks/<snowflake>/<68 base64url>
    host = rng.choice(['discord.com', 'discordapp.com'])
    return f'https://{host}/api/webhooks/{rng.randrange(10**17, 10**19)}/{rs(B64URL, 68)}'


@fmt('communications', 'discord-bot', ['DISCORD_BOT_TOKEN', 'DISCORD_TOKEN'], 5)
def _():  # base64(user id) . 6 (timestamp) . 38 (HMAC)
    uid = str(rng.randrange(10**17, 10**19)).encode()
    return b64e(uid).rstrip('=') + '.' + rs(B64URL, 6) + '.' + rs(B64URL, 38)


@fmt('communications', 'telegram', ['TELEGRAM_BOT_TOKEN', 'TG_TOKEN', 'BOT_TOKEN'], 6)
def _():  # <bot id>:<35 characters>, commonly starting "AA"
    return f'{rng.randrange(10**8, 10**10)}:AA{rs(B64URL, 33)}'


@fmt('communications', 'teams-webhook', ['TEAMS_WEBHOOK_URL', 'MSTEAMS_WEBHOOK'], 6)
def _():  # Incoming webhook (Office 365 connector) and Workflows (Power Automate) URLs
    if rng.random() < 0.6:
        return (f'https://{rng.choice(["acmecorp", "contoso", "fabrikam"])}.webhook.office.com/webhookb2/'
                f'{uuid4()}@{uuid4()}/IncomingWebhook/{rs(HEXL, 32)}/{uuid4()}')
    return (f'https://prod-{rng.randrange(10, 99)}.westeurope.logic.azure.com:443/workflows/{rs(HEXL, 32)}'
            f'/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig={rs(B64URL, 43)}')


@fmt('communications', 'twilio', ['TWILIO_AUTH_TOKEN', 'TWILIO_API_SECRET'], 5)
def _():  # auth tokens: 32 hex; API key secrets: 32 alphanumerics
    return rs(HEXL, 32) if rng.random() < 0.5 else rs(ALNUM, 32)


@fmt('communications', 'twilio-api-key', ['TWILIO_API_KEY'], 3)
def _():  # API key SIDs: SK + 32 hex
    return 'SK' + rs(HEXL, 32)


@fmt('communications', 'sendgrid', ['SENDGRID_API_KEY', 'SENDGRID_KEY', 'SMTP_PASSWORD'], 6)
def _():  # SG. + 22 base64url + . + 43 base64url
    return 'SG.' + rs(B64URL, 22) + '.' + rs(B64URL, 43)


@fmt('communications', 'mailgun', ['MAILGUN_API_KEY', 'MAILGUN_KEY'], 5)
def _():  # legacy key- + 32 hex; current <32 hex>-<8 hex>-<8 hex>
    return 'key-' + rs(HEXL, 32) if rng.random() < 0.5 else f'{rs(HEXL, 32)}-{rs(HEXL, 8)}-{rs(HEXL, 8)}'


@fmt('communications', 'mailchimp', ['MAILCHIMP_API_KEY', 'MC_API_KEY'], 5)
def _():  # <32 hex>-us<datacenter>
    return rs(HEXL, 32) + '-us' + str(rng.randrange(1, 22))


@fmt('communications', 'postmark', ['POSTMARK_SERVER_TOKEN', 'POSTMARK_API_TOKEN'], 4)
def _():  # Postmark server tokens: UUIDs
    return uuid4()


@fmt('communications', 'vonage', ['VONAGE_API_SECRET', 'NEXMO_API_SECRET'], 3)
def _():  # Vonage API secrets: 16 alphanumerics
    return rs(ALNUM, 16)


# --- AI ----------------------------------------------------------------------
@fmt('ai', 'openai-project', ['OPENAI_API_KEY', 'OPENAI_KEY', 'openai_api_key'], 8)
def _():  # sk-proj- + 74 + "T3BlbkFJ" (base64 "OpenAI") + 74
    return 'sk-proj-' + rs(B64URL, 74) + 'T3BlbkFJ' + rs(B64URL, 74)


@fmt('ai', 'openai-legacy', ['OPENAI_API_KEY'], 4)
def _():  # sk- + 20 + T3BlbkFJ + 20
    return 'sk-' + rs(ALNUM, 20) + 'T3BlbkFJ' + rs(ALNUM, 20)


@fmt('ai', 'openai-admin', ['OPENAI_ADMIN_KEY'], 3)
def _():
    return 'sk-admin-' + rs(B64URL, 58) + 'T3BlbkFJ' + rs(B64URL, 58)


@fmt('ai', 'openai-svcacct', ['OPENAI_API_KEY'], 3)
def _():
    return 'sk-svcacct-' + rs(B64URL, 74) + 'T3BlbkFJ' + rs(B64URL, 74)


@fmt('ai', 'anthropic', ['ANTHROPIC_API_KEY', 'CLAUDE_API_KEY', 'anthropic_api_key'], 8)
def _():  # sk-ant-api03- + 93 base64url + "AA" (about 108 characters)
    return 'sk-ant-api03-' + rs(B64URL, 93) + 'AA'


@fmt('ai', 'anthropic-admin', ['ANTHROPIC_ADMIN_KEY'], 4)
def _():
    return 'sk-ant-admin01-' + rs(B64URL, 93) + 'AA'


@fmt('ai', 'huggingface', ['HF_TOKEN', 'HUGGINGFACE_TOKEN', 'HUGGING_FACE_HUB_TOKEN'], 6)
def _():  # hf_ + 34 letters
    return 'hf_' + rs(UPP + LOW, 34)


@fmt('ai', 'cohere', ['COHERE_API_KEY', 'CO_API_KEY'], 4)
def _():  # 40 alphanumerics
    return rs(ALNUM, 40)


@fmt('ai', 'replicate', ['REPLICATE_API_TOKEN'], 4)
def _():  # r8_ + 37 alphanumerics
    return 'r8_' + rs(ALNUM, 37)


@fmt('ai', 'groq', ['GROQ_API_KEY'], 5)
def _():  # gsk_ + 52 alphanumerics
    return 'gsk_' + rs(ALNUM, 52)


@fmt('ai', 'mistral', ['MISTRAL_API_KEY'], 4)
def _():  # 32 alphanumerics
    return rs(ALNUM, 32)


@fmt('ai', 'perplexity', ['PERPLEXITY_API_KEY', 'PPLX_API_KEY'], 4)
def _():  # pplx- + 48 alphanumerics
    return 'pplx-' + rs(ALNUM, 48)


@fmt('ai', 'google-ai-studio', ['GEMINI_API_KEY', 'GOOGLE_GENERATIVE_AI_API_KEY'], 5)
def _():
    return 'AIza' + rs(B64URL, 35)


# --- observability ------------------------------------------------------------
@fmt('observability', 'datadog-api', ['DD_API_KEY', 'DATADOG_API_KEY'], 6)
def _():  # API keys: 32 hex
    return rs(HEXL, 32)


@fmt('observability', 'datadog-app', ['DD_APP_KEY', 'DATADOG_APP_KEY'], 4)
def _():  # application keys: 40 hex
    return rs(HEXL, 40)


@fmt('observability', 'newrelic', ['NEW_RELIC_API_KEY', 'NEW_RELIC_LICENSE_KEY', 'NEW_RELIC_INSERT_KEY'], 7)
def _():  # user keys NRAK- + 27; license keys 36 hex + NRAL; insert keys NRII- + 32
    k = rng.randrange(3)
    return ['NRAK-' + rs(UPP + DIG, 27), rs(HEXL, 36) + 'NRAL', 'NRII-' + rs(B64URL, 32)][k]


@fmt('observability', 'sentry', ['SENTRY_AUTH_TOKEN'], 6)
def _():  # org tokens sntrys_ + base64(JSON) + _ + 43; user tokens sntryu_ + 64 hex
    if rng.random() < 0.5:
        payload = json.dumps({'iat': 1700000000 + rng.randrange(10**7), 'url': 'https://sentry.io', 'region_url': 'https://us.sentry.io', 'org': rng.choice(['acme', 'globex', 'initech'])})
        return 'sntrys_' + b64e(payload.encode()).rstrip('=') + '_' + rs(ALNUM + '+/', 43)
    return 'sntryu_' + rs(HEXL, 64)


@fmt('observability', 'grafana', ['GRAFANA_TOKEN', 'GRAFANA_API_KEY', 'GRAFANA_CLOUD_TOKEN'], 6)
def _():  # service accounts glsa_ + 32 + _ + 8 hex; cloud tokens glc_ + base64(JSON)
    if rng.random() < 0.5:
        return 'glsa_' + rs(ALNUM, 32) + '_' + rs(HEXL, 8)
    payload = json.dumps({'o': str(rng.randrange(10**5, 10**7)), 'n': 'stack-' + rs(LOW + DIG, 6), 'k': rs(ALNUM, 24), 'm': {'r': 'prod-eu-west-0'}}, separators=(',', ':'))
    return 'glc_' + b64e(payload.encode()).rstrip('=')


@fmt('observability', 'honeycomb', ['HONEYCOMB_API_KEY', 'HONEYCOMB_WRITEKEY'], 4)
def _():  # configuration keys: 22 alphanumerics; ingest keys hcaik_ + 58
    return rs(ALNUM, 22) if rng.random() < 0.5 else 'hcaik_01' + rs(LOW + DIG, 56)


@fmt('observability', 'pagerduty', ['PAGERDUTY_TOKEN', 'PAGERDUTY_API_KEY'], 4)
def _():  # REST API keys: 20 characters, user tokens often start "u+"
    return (rng.choice(['u+', 'y_', '']) + rs(ALNUM + '_-+', 20))[:20]


@fmt('observability', 'splunk-hec', ['SPLUNK_HEC_TOKEN', 'SPLUNK_TOKEN'], 4)
def _():  # HEC tokens: UUIDs
    return uuid4()


@fmt('observability', 'dynatrace', ['DT_API_TOKEN', 'DYNATRACE_API_TOKEN'], 4)
def _():  # dt0c01. + 24 upper-alnum + . + 64 upper-alnum
    return 'dt0c01.' + rs(UPP + DIG, 24) + '.' + rs(UPP + DIG, 64)


# --- secret managers and infra -------------------------------------------------
@fmt('infra', 'vault', ['VAULT_TOKEN', 'vault_token'], 7)
def _():  # service hvs. + ~90; batch hvb. + ~130; legacy s. + 24
    k = rng.randrange(3)
    return ['hvs.CAESI' + rs(B64URL, 86), 'hvb.AAAAAQ' + rs(B64URL, 128), 's.' + rs(ALNUM, 24)][k]


@fmt('infra', 'doppler', ['DOPPLER_TOKEN'], 5)
def _():  # dp.st.<config>.<40>, dp.pt.<43>, dp.sa.<43>, dp.ct.<43>
    k = rng.randrange(4)
    return ['dp.st.' + rng.choice(['prd', 'dev', 'stg']) + '.' + rs(ALNUM, 40), 'dp.pt.' + rs(ALNUM, 43),
            'dp.sa.' + rs(ALNUM, 43), 'dp.ct.' + rs(ALNUM, 43)][k]


@fmt('infra', 'onepassword', ['OP_SERVICE_ACCOUNT_TOKEN'], 4)
def _():  # ops_ + base64(JSON with signInAddress, email, secret key ...)
    payload = json.dumps({'signInAddress': 'my.1password.com', 'userAuth': {'method': 'SRPg-4096', 'alg': 'PBES2g-HS256', 'iterations': 650000, 'salt': rs(B64URL, 22)},
                          'email': rs(LOW, 12) + '@1passwordserviceaccounts.com', 'srpX': rs(HEXL, 64), 'muk': {'alg': 'A256GCM', 'ext': True, 'k': rs(B64URL, 43), 'key_ops': ['encrypt', 'decrypt'], 'kty': 'oct', 'kid': 'mp'},
                          'secretKey': 'A3-' + rs(UPP + DIG, 6) + '-' + rs(UPP + DIG, 6) + '-' + rs(UPP + DIG, 5), 'throttleSecret': {'seed': rs(HEXL, 64), 'uuid': rs(UPP + DIG, 26)}, 'deviceUuid': rs(LOW + DIG, 26)}, separators=(',', ':'))
    return 'ops_' + b64e(payload.encode()).rstrip('=')


@fmt('infra', 'pulumi', ['PULUMI_ACCESS_TOKEN'], 5)
def _():  # pul- + 40 hex
    return 'pul-' + rs(HEXL, 40)


@fmt('infra', 'terraform-cloud', ['TFE_TOKEN', 'TF_API_TOKEN', 'TF_TOKEN_app_terraform_io'], 5)
def _():  # <14>.atlasv1.<67>
    return rs(ALNUM, 14) + '.atlasv1.' + rs(ALNUM, 67)


@fmt('infra', 'databricks', ['DATABRICKS_TOKEN'], 5)
def _():  # dapi + 32 hex (optionally -<digit>)
    return 'dapi' + rs(HEXL, 32) + rng.choice(['', '-2', '-3'])


@fmt('infra', 'confluent', ['CONFLUENT_API_SECRET', 'CONFLUENT_CLOUD_API_SECRET', 'KAFKA_API_SECRET'], 4)
def _():  # Confluent Cloud API secrets: 64 characters [A-Za-z0-9+/]
    return rs(ALNUM + '+/', 64)


@fmt('infra', 'snowflake', ['SNOWFLAKE_PASSWORD', 'SNOWSQL_PWD'], 3)
def _():
    return password()


@fmt('infra', 'k8s-sa-token', ['K8S_TOKEN', 'KUBE_TOKEN', 'SERVICE_ACCOUNT_TOKEN'], 4)
def _():  # Kubernetes service-account tokens are RS256 JWTs
    ns = rng.choice(['default', 'ci', 'monitoring'])
    return jwt({'iss': 'kubernetes/serviceaccount', 'kubernetes.io/serviceaccount/namespace': ns,
                'kubernetes.io/serviceaccount/secret.name': 'deployer-token-' + rs(LOW + DIG, 5),
                'kubernetes.io/serviceaccount/service-account.name': 'deployer', 'sub': f'system:serviceaccount:{ns}:deployer'}, alg='RS256')


# --- JWTs ------------------------------------------------------------------------
@fmt('jwt', 'jwt', ['ACCESS_TOKEN', 'AUTH_TOKEN', 'id_token', 'JWT', 'bearerToken', 'SESSION_TOKEN'], 50)
def _():
    return jwt(alg=rng.choice(['HS256', 'RS256', 'HS512']))


# ========================================================== file embedding
def cfg_key(name, style):
    """An env-style NAME in the naming convention of a file type."""
    parts = [p for p in name.replace('-', '_').split('_') if p]
    low = [p.lower() for p in parts]
    if style == 'camel':
        return low[0] + ''.join(p.capitalize() for p in low[1:])
    if style == 'snake':
        return '_'.join(low)
    if style == 'kebab':
        return '-'.join(low)
    return name


COMMENTS = ['TODO: move to the secret store before launch', 'rotated 2024-03-11', 'prod', 'do not share',
            'ask #platform for access', 'staging account', 'used by the nightly export', 'see runbook']


def maybe_comment(prefix):
    return [f'{prefix} {rng.choice(COMMENTS)}'] if rng.random() < 0.3 else []


def wrap_env(name, v):
    q = rng.choice(['', '', '"', "'"])
    pre = ['# Application settings', 'NODE_ENV=production', 'PORT=8080', 'LOG_LEVEL=info', 'DATABASE_POOL=10', 'TZ=UTC']
    rng.shuffle(pre)
    head = pre[:rng.randrange(1, 5)] + maybe_comment('#')
    exp = 'export ' if rng.random() < 0.2 else ''
    return rng.choice(['.env', '.env.production', '.env.local', 'prod.env']), head, f'{exp}{name}={q}{v}{q}', ['SENTRY_ENVIRONMENT=production', 'FEATURE_NEW_CHECKOUT=true'][:rng.randrange(3)]


def wrap_yaml(name, v):
    k = rng.choice([name, cfg_key(name, 'snake'), cfg_key(name, 'camel')])
    q = rng.choice(['', '"', "'"])
    style = rng.randrange(4)
    if style == 0:  # docker-compose
        head = ['version: "3.8"', 'services:', '  api:', '    image: ghcr.io/acme/api:2.4.1', '    ports:', '      - "8080:8080"', '    environment:']
        return 'docker-compose.yml', head, f'      {name}: {q}{v}{q}', ['    restart: unless-stopped']
    if style == 1:  # k8s Secret stringData / ConfigMap
        head = ['apiVersion: v1', 'kind: Secret', 'metadata:', f'  name: {rng.choice(["api", "worker", "billing"])}-credentials', '  namespace: production', 'type: Opaque', 'stringData:']
        return rng.choice(['secret.yaml', 'k8s/secrets.yml']), head, f'  {name}: {q}{v}{q}', []
    if style == 2:  # GitHub Actions env (hard-coded, the mistake)
        head = ['name: deploy', 'on:', '  push:', '    branches: [main]', 'jobs:', '  deploy:', '    runs-on: ubuntu-latest', '    env:']
        return '.github/workflows/deploy.yml', head, f'      {name}: {q}{v}{q}', ['    steps:', '      - uses: actions/checkout@v4', '      - run: make deploy']
    head = ['app:', '  name: billing-service', '  port: 8080', 'integrations:', f'  {rng.choice(["provider", "upstream", "vendor"])}:', '    enabled: true', '    timeout: 30s']
    return rng.choice(['config.yaml', 'application.yml', 'settings.yml']), head, f'    {k}: {q}{v}{q}', ['    retries: 3']


def wrap_json(name, v):
    k = rng.choice([cfg_key(name, 'camel'), cfg_key(name, 'snake'), name])
    ind = rng.choice([2, 4])
    s = ' ' * ind
    head = ['{', f'{s}"name": "{rng.choice(["orders", "webhooks", "ingest"])}-service",', f'{s}"port": 3000,', f'{s}"credentials": {{']
    return rng.choice(['config.json', 'appsettings.Production.json', 'secrets.json', 'config/production.json']), head, f'{s}{s}"{k}": "{json.dumps(v)[1:-1]}"', [f'{s}}},', f'{s}"debug": false', '}']


def wrap_py(name, v):
    q = rng.choice(['"', "'"])
    style = rng.randrange(3)
    head = ['import os', 'import logging', '', 'logger = logging.getLogger(__name__)', '']
    if style == 0:
        return rng.choice(['settings.py', 'config.py', 'app/settings/production.py']), head + maybe_comment('#'), f'{name} = {q}{v}{q}', ['', 'TIMEOUT = 30']
    if style == 1:
        return rng.choice(['client.py', 'tasks.py']), head + ['', 'def make_client():'], f'    return Client({cfg_key(name, "snake")}={q}{v}{q}, timeout=10)', ['']
    return 'conftest.py' if False else 'deploy.py', head, f'os.environ.setdefault({q}{name}{q}, {q}{v}{q})', ['']


def bearer_ok(v):
    # RFC 6750 b64token: only these characters can follow "Bearer "
    return re.fullmatch(r'[A-Za-z0-9._~+/-]{20,}=*', v) is not None


def wrap_js(name, v):
    q = rng.choice(["'", '"', '`'])
    style = rng.randrange(3)
    if style == 1 and not bearer_ok(v):
        style = 0
    if style == 0:
        return rng.choice(['config.js', 'src/config.ts']), ["'use strict';", '', "const path = require('path');", ''], f'const {cfg_key(name, "camel")} = {q}{v}{q};', ['', 'module.exports = { port: 3000 };']
    if style == 1:
        return rng.choice(['src/api.ts', 'lib/client.mjs']), ["import axios from 'axios';", '', 'export const api = axios.create({', "  baseURL: 'https://api.internal.acme.dev',", '  headers: {'], f'    Authorization: `Bearer {v}`,', ['  },', '});']
    return 'next.config.js', ['/** @type {import(\'next\').NextConfig} */', 'module.exports = {', '  reactStrictMode: true,', '  env: {'], f'    {name}: {q}{v}{q},', ['  },', '};']


def wrap_go(name, v):
    head = ['package config', '', 'import "os"', '']
    if rng.random() < 0.5:
        return 'config.go', head + ['const ('], f'\t{cfg_key(name, "camel")} = "{v}"', [')']
    return 'main.go', ['package main', '', 'import "os"', '', 'func init() {'], f'\tos.Setenv("{name}", "{v}")', ['}']


def wrap_java(name, v):
    if rng.random() < 0.5:
        return 'application.properties', ['server.port=8080', 'spring.application.name=orders', 'management.endpoints.web.exposure.include=health'], f'{cfg_key(name, "kebab").replace("-", ".")}={v}', ['logging.level.root=INFO']
    return 'src/main/java/com/acme/Config.java', ['package com.acme;', '', 'public final class Config {', '    private Config() {}', ''], f'    public static final String {name.upper()} = "{v}";', ['}']


def wrap_toml(name, v):
    return rng.choice(['config.toml', 'settings.toml', 'Rocket.toml']), ['[server]', 'host = "0.0.0.0"', 'port = 8080', '', f'[{rng.choice(["integrations", "auth", "upstream"])}]'], f'{cfg_key(name, "snake")} = "{v}"', ['timeout_secs = 30']


def wrap_ini(name, v):
    return rng.choice(['config.ini', 'settings.cfg', 'app.conf']), ['[DEFAULT]', 'debug = false', '', f'[{rng.choice(["api", "credentials", "service"])}]', 'endpoint = https://api.internal.acme.dev'], f'{cfg_key(name, "snake")} = {v}', ['timeout = 30']


def wrap_xml(name, v):
    if rng.random() < 0.5:
        return 'web.config', ['<?xml version="1.0" encoding="utf-8"?>', '<configuration>', '  <appSettings>', '    <add key="Environment" value="Production" />'], f'    <add key="{cfg_key(name, "camel")}" value="{v}" />', ['  </appSettings>', '</configuration>']
    t = cfg_key(name, 'camel')
    return 'config.xml', ['<?xml version="1.0"?>', '<settings>', '  <service name="billing">'], f'    <{t}>{v}</{t}>', ['  </service>', '</settings>']


def wrap_sh(name, v):
    head = ['#!/usr/bin/env bash', 'set -euo pipefail', '']
    if rng.random() < 0.6 or not bearer_ok(v):
        return rng.choice(['deploy.sh', 'scripts/release.sh', 'bootstrap.sh']), head + maybe_comment('#'), f'export {name}="{v}"', ['', './bin/deploy --env production']
    return 'scripts/smoke.sh', head, f'curl -fsS -H "Authorization: Bearer {v}" https://api.internal.acme.dev/v1/health', []


def wrap_docker(name, v):
    head = ['FROM node:20-alpine', 'WORKDIR /app', 'COPY package*.json ./', 'RUN npm ci --omit=dev']
    return 'Dockerfile', head, f'{rng.choice(["ENV", "ARG"])} {name}={v}', ['COPY . .', 'CMD ["node", "server.js"]']


def wrap_tf(name, v):
    head = ['terraform {', '  required_version = ">= 1.5"', '}', '', f'provider "{rng.choice(["datadog", "github", "cloudflare", "acme"])}" {{']
    return rng.choice(['main.tf', 'providers.tf']), head, f'  {cfg_key(name, "snake")} = "{v}"', ['}']


def wrap_rb(name, v):
    return 'config/initializers/api.rb', ['# frozen_string_literal: true', '', 'Rails.application.configure do'], f"  config.{cfg_key(name, 'snake')} = '{v}'", ['end']


def wrap_php(name, v):
    return rng.choice(['config/services.php', 'wp-config.php']), ['<?php', '', 'return ['], f"    '{cfg_key(name, 'snake')}' => '{v}',", ['];']


def wrap_md(name, v):
    return rng.choice(['NOTES.md', 'docs/ops.md']), ['# Staging access', '', 'Credentials for the staging tenant (internal only):', '', '```'], f'{name}={v}', ['```']


WRAPPERS = [wrap_env, wrap_env, wrap_yaml, wrap_yaml, wrap_json, wrap_py, wrap_js, wrap_go, wrap_java,
            wrap_toml, wrap_ini, wrap_xml, wrap_sh, wrap_docker, wrap_tf, wrap_rb, wrap_php, wrap_md]

# ================================================================ positives
POS = []  # (family, provider, relpath-within-case, content, [(secret, line_start, line_end)])


def add_pos(family, provider, filename, lines, secrets):
    """secrets: list of (expected secret, first line, last line), 1-based."""
    POS.append((family, provider, filename, '\n'.join(lines) + '\n', secrets))


def embed(family, provider, name, value):
    w = rng.choice(WRAPPERS)
    fname, head, line, tail = w(name, value)
    if value not in line:
        raise AssertionError((w, value, line))
    lines = head + [line] + tail
    n = len(head) + 1
    if '&sig=' in value:  # a signed URL: the signature is the credential
        value = value.split('&sig=')[1]
    add_pos(family, provider, fname, lines, [(value, n, n)])


def gen_simple():
    for family, provider, names, fn, n in F:
        for _ in range(n):
            embed(family, provider, rng.choice(names), fn())


def gen_aws():
    for i in range(30):
        kid, sec = aws_id(), aws_secret()
        style = i % 6
        if style == 0:
            lines = ['[default]', f'aws_access_key_id = {kid}', f'aws_secret_access_key = {sec}', 'region = eu-west-1']
            add_pos('cloud', 'aws', '.aws/credentials', lines, [(kid, 2, 2), (sec, 3, 3)])
        elif style == 1:
            lines = ['# deploy user', f'AWS_ACCESS_KEY_ID={kid}', f'AWS_SECRET_ACCESS_KEY={sec}', 'AWS_DEFAULT_REGION=us-east-1']
            add_pos('cloud', 'aws', '.env', lines, [(kid, 2, 2), (sec, 3, 3)])
        elif style == 2:
            lines = ['import boto3', '', 's3 = boto3.client(', "    's3',", f"    aws_access_key_id='{kid}',", f"    aws_secret_access_key='{sec}',", "    region_name='eu-central-1',", ')']
            add_pos('cloud', 'aws', 'upload.py', lines, [(kid, 5, 5), (sec, 6, 6)])
        elif style == 3:
            lines = ['provider "aws" {', '  region     = "us-west-2"', f'  access_key = "{kid}"', f'  secret_key = "{sec}"', '}']
            add_pos('cloud', 'aws', 'main.tf', lines, [(kid, 3, 3), (sec, 4, 4)])
        elif style == 4:
            lines = ['const { S3Client } = require("@aws-sdk/client-s3");', '', 'const s3 = new S3Client({', '  region: "ap-southeast-2",', '  credentials: {', f'    accessKeyId: "{kid}",', f'    secretAccessKey: "{sec}",', '  },', '});']
            add_pos('cloud', 'aws', 'storage.js', lines, [(kid, 6, 6), (sec, 7, 7)])
        else:
            tok = rng.choice(['IQoJb3JpZ2luX2VjE', 'FwoGZXIvYXdzE']) + rs(B64, 340)
            kid = aws_id('ASIA')
            lines = ['{', '  "Credentials": {', f'    "AccessKeyId": "{kid}",', f'    "SecretAccessKey": "{sec}",', f'    "SessionToken": "{tok}",', '    "Expiration": "2024-06-04T12:00:00Z"', '  }', '}']
            add_pos('cloud', 'aws', 'sts-output.json', lines, [(kid, 3, 3), (sec, 4, 4), (tok, 5, 5)])


def gen_gcp_sa():
    for _ in range(15):
        _, pem = pem_private('PRIVATE KEY')
        proj = rng.choice(['acme-prod', 'billing-328112', 'data-lake-eu'])
        sa = {'type': 'service_account', 'project_id': proj, 'private_key_id': rs(HEXL, 40),
              'private_key': '\n'.join(pem) + '\n', 'client_email': f'{rng.choice(["deployer", "ci", "exporter"])}@{proj}.iam.gserviceaccount.com',
              'client_id': str(rng.randrange(10**20, 10**21)), 'auth_uri': 'https://accounts.google.com/o/oauth2/auth',
              'token_uri': 'https://oauth2.googleapis.com/token'}
        text = json.dumps(sa, indent=2)
        lines = text.split('\n')
        n = next(i for i, l in enumerate(lines) if '"private_key":' in l) + 1
        add_pos('cloud', 'gcp-service-account', rng.choice(['service-account.json', 'gcp-key.json', 'credentials/sa.json']), lines, [(pem[2], n, n)])


def gen_azure():
    for i in range(15):
        acct = rng.choice(['acmeprodstore', 'billingexports', 'stlogsweu01'])
        key = b64e(rbytes(64))
        cs = f'DefaultEndpointsProtocol=https;AccountName={acct};AccountKey={key};EndpointSuffix=core.windows.net'
        if i % 3 == 0:
            lines = ['{', '  "ConnectionStrings": {', f'    "Storage": "{cs}"', '  }', '}']
            add_pos('cloud', 'azure-storage', 'appsettings.json', lines, [(key, 3, 3)])
        elif i % 3 == 1:
            lines = ['# blob uploads', f'AZURE_STORAGE_CONNECTION_STRING="{cs}"']
            add_pos('cloud', 'azure-storage', '.env', lines, [(key, 2, 2)])
        else:
            sig = rs(B64, 43).replace('+', '%2B').replace('/', '%2F') + '%3D'
            url = f'https://{acct}.blob.core.windows.net/exports?sv=2022-11-02&ss=b&srt=co&sp=rwdlac&se=2025-12-31T23:59:59Z&st=2024-01-01T00:00:00Z&spr=https&sig={sig}'
            lines = ['import requests', '', f'SAS_URL = "{url}"', '', 'requests.put(SAS_URL, data=b"hello")']
            add_pos('cloud', 'azure-sas', 'upload_blob.py', lines, [(sig, 3, 3)])


def gen_alibaba_ids():
    for _ in range(5):
        kid, sec = 'LTAI' + rs(ALNUM, 20), rs(ALNUM, 30)
        lines = ['[default]', f'access_key_id = {kid}', f'access_key_secret = {sec}', 'region_id = cn-hangzhou']
        add_pos('cloud', 'alibaba', '.aliyun/config.ini', lines, [(kid, 2, 2), (sec, 3, 3)])


def gen_registry_files():
    for _ in range(8):
        t = crc_token('npm_')
        lines = ['registry=https://registry.npmjs.org/', f'//registry.npmjs.org/:_authToken={t}', 'always-auth=true']
        add_pos('registries', 'npm', '.npmrc', lines, [(t, 2, 2)])
    for _ in range(5):
        t = crc_token('ghp_')
        lines = ['@acme:registry=https://npm.pkg.github.com', f'//npm.pkg.github.com/:_authToken={t}']
        add_pos('registries', 'ghcr-github-packages', '.npmrc', lines, [(t, 2, 2)])
    for _ in range(5):
        t = crc_token('ghp_')
        lines = ['#!/bin/sh', f'echo "{t}" | docker login ghcr.io -u acme-bot --password-stdin', 'docker push ghcr.io/acme/api:latest']
        add_pos('registries', 'ghcr-github-packages', 'push.sh', lines, [(t, 2, 2)])
    for _ in range(8):
        t = pypi_token()
        lines = ['[distutils]', 'index-servers =', '    pypi', '', '[pypi]', 'username = __token__', f'password = {t}']
        add_pos('registries', 'pypi', '.pypirc', lines, [(t, 7, 7)])
    for _ in range(5):
        t = 'rubygems_' + rs(HEXL, 48)
        add_pos('registries', 'rubygems', '.gem/credentials', ['---', f':rubygems_api_key: {t}'], [(t, 2, 2)])
    for _ in range(5):
        t = 'cio' + rs(ALNUM, 32)
        add_pos('registries', 'crates-io', '.cargo/credentials.toml', ['[registry]', f'token = "{t}"'], [(t, 2, 2)])
    for _ in range(5):
        t = 'oy2' + rs(LOW + DIG, 43)
        lines = ['<?xml version="1.0" encoding="utf-8"?>', '<configuration>', '  <apikeys>', f'    <add key="https://www.nuget.org/api/v2/package" value="{t}" />', '  </apikeys>', '</configuration>']
        add_pos('registries', 'nuget', 'NuGet.Config', lines, [(t, 4, 4)])
    for _ in range(8):
        user = rng.choice(['acmebot', 'deploy', 'ci-runner'])
        auth = b64e(f'{user}:{password()}'.encode())
        lines = ['{', '  "auths": {', '    "https://index.docker.io/v1/": {', f'      "auth": "{auth}"', '    }', '  }', '}']
        add_pos('registries', 'docker-config-auth', '.docker/config.json', lines, [(auth, 4, 4)])
    for _ in range(6):
        pw = password()
        lines = ['<settings>', '  <servers>', '    <server>', '      <id>ossrh</id>', '      <username>acme-release</username>', f'      <password>{pw}</password>', '    </server>', '  </servers>', '</settings>']
        add_pos('registries', 'maven-sonatype', '.m2/settings.xml', lines, [(pw, 6, 6)])


def gen_databases():
    hosts = ['db.internal.acme.dev', 'prod-db-1.c9akciq32.eu-west-1.rds.amazonaws.com', '10.0.3.17', 'postgres', 'mysql-primary.svc.cluster.local']
    for i in range(70):
        pw = password(rng.randrange(12, 28))
        user = rng.choice(['app', 'admin', 'orders_rw', 'svc_billing', 'root', 'reporting'])
        h = rng.choice(hosts)
        k = i % 10
        url = [f'postgres://{user}:{pw}@{h}:5432/orders', f'postgresql://{user}:{pw}@{h}/app?sslmode=require',
               f'mysql://{user}:{pw}@{h}:3306/shop', f'mongodb://{user}:{pw}@{h}:27017/admin?authSource=admin',
               f'mongodb+srv://{user}:{pw}@cluster0.{rs(LOW + DIG, 5)}.mongodb.net/prod?retryWrites=true&w=majority',
               f'redis://default:{pw}@{h}:6379/0', f'amqp://{user}:{pw}@rabbitmq.internal:5672/%2F',
               f'Server=tcp:{h},1433;Initial Catalog=Orders;User ID={user};Password={pw};Encrypt=True;',
               f'jdbc:postgresql://{h}:5432/orders?user={user}&password={pw}',
               f'jdbc:sqlserver://{h}:1433;databaseName=orders;user={user};password={pw};encrypt=true'][k]
        if k == 5 and rng.random() < 0.5:
            url = f'rediss://:{pw}@{h}:6380'
        if k == 6 and rng.random() < 0.5:
            url = url.replace('amqp://', 'amqps://')
        name = ['DATABASE_URL', 'DATABASE_URL', 'DATABASE_URL', 'MONGO_URI', 'MONGODB_URI', 'REDIS_URL', 'AMQP_URL',
                'ConnectionStrings__Default', 'SPRING_DATASOURCE_URL', 'JDBC_URL'][k]
        w = rng.choice([wrap_env, wrap_yaml, wrap_json, wrap_py, wrap_js, wrap_java, wrap_toml, wrap_docker, wrap_sh])
        fname, head, line, tail = w(name, url)
        if url not in line and json.dumps(url)[1:-1] not in line:
            raise AssertionError(line)
        add_pos('databases', 'db-url', fname, head + [line] + tail, [(pw, len(head) + 1, len(head) + 1)])


def gen_keys():
    kinds = list(PEM_KINDS)
    for i in range(50):
        style = i % 5
        kind, pem = pem_private(kinds[i % len(kinds)])
        mark = pem[2]
        if style == 0:
            add_pos('private-keys', 'pem-' + kind.lower().replace(' ', '-'), rng.choice(['id_rsa', 'server.key', 'tls/key.pem', 'private.pem']), pem, [(mark, 1, len(pem))])
        elif style == 1:
            head = ['apiVersion: v1', 'kind: Secret', 'metadata:', '  name: tls-cert', 'type: kubernetes.io/tls', 'stringData:', '  tls.key: |']
            add_pos('private-keys', 'pem-' + kind.lower().replace(' ', '-'), 'tls-secret.yaml', head + ['    ' + l for l in pem], [(mark, len(head) + 1, len(head) + len(pem))])
        elif style == 2:
            head = ['import jwt', '', 'PRIVATE_KEY = """']
            add_pos('private-keys', 'pem-' + kind.lower().replace(' ', '-'), 'signing.py', head + pem + ['"""'], [(mark, len(head), len(head) + len(pem))])
        elif style == 3:
            esc = '\\n'.join(pem) + '\\n'
            lines = ['{', '  "issuer": "https://auth.acme.dev",', f'  "signingKey": "{esc}"', '}']
            add_pos('private-keys', 'pem-' + kind.lower().replace(' ', '-'), 'signer.json', lines, [(mark, 3, 3)])
        else:
            head = ['resource "tls_private_key" "imported" {}', '', 'locals {', '  ca_key = <<-EOT']
            add_pos('private-keys', 'pem-' + kind.lower().replace(' ', '-'), 'ca.tf', head + ['    ' + l for l in pem] + ['  EOT', '}'], [(mark, len(head) + 1, len(head) + len(pem))])
    for i in range(12):
        pem = openssh_private()
        if i % 2:
            add_pos('private-keys', 'openssh', rng.choice(['id_ed25519', '.ssh/id_ed25519', 'deploy_key']), pem, [(pem[2], 1, len(pem))])
        else:
            head = ['- name: install deploy key', '  copy:', '    dest: /home/deploy/.ssh/id_ed25519', '    mode: "0600"', '    content: |']
            add_pos('private-keys', 'openssh', 'playbook.yml', head + ['      ' + l for l in pem], [(pem[2], len(head) + 1, len(head) + len(pem))])
    for _ in range(8):
        pem = pgp_private()
        add_pos('private-keys', 'pgp', rng.choice(['signing-key.asc', 'release/private.asc']), pem, [(pem[3], 1, len(pem))])
    for _ in range(10):
        lines, mark = ppk()
        n = lines.index(mark) + 1
        add_pos('private-keys', 'putty-ppk', rng.choice(['server.ppk', 'keys/deploy.ppk']), lines, [(mark, 1, n)])
    for i in range(12):
        key = bech32('age-secret-key-', rbytes(32)).upper()
        pub = bech32('age', rbytes(32))
        if i % 2:
            lines = ['# created: 2024-05-01T10:00:00Z', f'# public key: {pub}', key]
            add_pos('private-keys', 'age', rng.choice(['keys.txt', '.config/sops/age/keys.txt']), lines, [(key, 3, 3)])
        else:
            lines = ['#!/bin/sh', f'export SOPS_AGE_KEY={key}', 'sops -d secrets.enc.yaml > secrets.yaml']
            add_pos('private-keys', 'age', 'decrypt.sh', lines, [(key, 2, 2)])


def gen_kube():
    for i in range(8):
        if i % 2:
            tok = jwt({'iss': 'kubernetes/serviceaccount', 'kubernetes.io/serviceaccount/namespace': 'ci', 'sub': 'system:serviceaccount:ci:deployer'}, alg='RS256')
            val, field = tok, f'    token: {tok}'
        else:
            _, pem = pem_private('RSA PRIVATE KEY')
            val = b64e(('\n'.join(pem) + '\n').encode())
            field = f'    client-key-data: {val}'
        head = ['apiVersion: v1', 'kind: Config', 'clusters:', '- cluster:', f'    certificate-authority-data: {b64e(b"-----BEGIN CERTIFICATE-----" + rbytes(60))}',
                '    server: https://10.0.0.1:6443', '  name: prod', 'users:', '- name: deployer', '  user:']
        add_pos('infra', 'kubeconfig', rng.choice(['kubeconfig', '.kube/config']), head + [field], [(val, len(head) + 1, len(head) + 1)])
    for _ in range(4):
        t = rs(ALNUM, 14) + '.atlasv1.' + rs(ALNUM, 67)
        add_pos('infra', 'terraform-cloud', '.terraformrc', ['credentials "app.terraform.io" {', f'  token = "{t}"', '}'], [(t, 2, 2)])
    for _ in range(4):
        key, sec = rs(UPP + DIG, 16), rs(ALNUM + '+/', 64)
        lines = ['bootstrap.servers=pkc-4nym6.us-east-1.aws.confluent.cloud:9092', 'security.protocol=SASL_SSL', 'sasl.mechanism=PLAIN',
                 f'sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="{key}" password="{sec}";']
        add_pos('infra', 'confluent', 'client.properties', lines, [(sec, 4, 4)])
    for _ in range(4):
        pw = password()
        url = f'snowflake://etl_user:{pw}@xy12345.eu-west-1/ANALYTICS/PUBLIC?warehouse=LOAD_WH'
        add_pos('infra', 'snowflake', 'dbt_env.sh', ['#!/bin/sh', f'export SNOWFLAKE_URL="{url}"'], [(pw, 2, 2)])


def gen_jwt_contexts():
    for _ in range(12):
        t = jwt()
        style = rng.randrange(3)
        if style == 0:
            lines = ['GET /api/v1/orders HTTP/1.1', 'Host: api.acme.dev', f'Authorization: Bearer {t}', 'Accept: application/json']
            add_pos('jwt', 'jwt', 'requests.http', lines, [(t, 3, 3)])
        elif style == 1:
            lines = ['#!/bin/sh', f"curl -s https://api.acme.dev/v1/me -H 'Authorization: Bearer {t}'"]
            add_pos('jwt', 'jwt', 'me.sh', lines, [(t, 2, 2)])
        else:
            lines = ['{', '  "request": {', '    "headers": {', f'      "Cookie": "session={t}; Path=/; HttpOnly"', '    }', '  }', '}']
            add_pos('jwt', 'jwt', 'captured-request.json', lines, [(t, 4, 4)])


GENERIC_NAMES = ['password', 'db_password', 'DB_PASSWORD', 'passwd', 'secret', 'client_secret', 'CLIENT_SECRET', 'api_key', 'apiKey',
                 'API_KEY', 'auth_token', 'AUTH_TOKEN', 'access_token', 'secret_key', 'SECRET_KEY', 'private_key', 'credentials',
                 'app_secret', 'signing_secret', 'jwt_secret', 'JWT_SECRET', 'encryption_key', 'admin_password', 'smtp_password',
                 'SESSION_SECRET', 'webhook_secret', 'access_key', 'master_key', 'token', 'api_secret']


def gen_generic():
    for i in range(130):
        name = rng.choice(GENERIC_NAMES)
        k = rng.random()
        if k < 0.5:
            v = password()
        elif k < 0.75:
            v = rs(ALNUM, rng.choice([24, 32, 40]))
        elif k < 0.9:
            v = rs(HEXL, rng.choice([32, 48, 64]))
        else:
            v = b64e(rbytes(rng.choice([24, 32, 48])))
        embed('generic', 'generic', name, v)


# ================================================================ negatives
NEG = []  # (family, filename, content)


def neg(family, filename, lines):
    NEG.append((family, filename, '\n'.join(lines) + '\n'))


PKGS = ['lodash', 'react-dom', 'secret-handshake', 'js-tokens', 'jsonwebtoken', 'passport-oauth2', 'bcryptjs', 'dotenv',
        'keytar', 'credential-provider', 'aws-sdk', 'auth0-js', 'token-types', 'password-hash', 'api-key-manager', 'express']
CRATES = ['ring', 'rustls', 'secrecy', 'zeroize', 'base64', 'hmac', 'sha2', 'jsonwebtoken', 'oauth2', 'keyring', 'aes-gcm', 'tokio']


def ver():
    return f'{rng.randrange(0, 12)}.{rng.randrange(0, 30)}.{rng.randrange(0, 20)}'


def neg_lockfiles():
    for i in range(70):
        k = i % 10
        if k == 0:
            lines = ['# This file is automatically @generated by Cargo.', '# It is not intended for manual editing.', 'version = 3', '']
            for c in rng.sample(CRATES, 4):
                lines += ['[[package]]', f'name = "{c}"', f'version = "{ver()}"', 'source = "registry+https://github.com/rust-lang/crates.io-index"', f'checksum = "{rs(HEXL, 64)}"', '']
            neg('lockfiles', 'Cargo.lock', lines)
        elif k == 1:
            pk = {}
            for p in rng.sample(PKGS, 4):
                v = ver()
                pk[f'node_modules/{p}'] = {'version': v, 'resolved': f'https://registry.npmjs.org/{p}/-/{p}-{v}.tgz',
                                            'integrity': 'sha512-' + b64e(rbytes(64)), 'license': 'MIT'}
            neg('lockfiles', 'package-lock.json', json.dumps({'name': 'web', 'lockfileVersion': 3, 'requires': True, 'packages': pk}, indent=2).split('\n'))
        elif k == 2:
            lines = ['# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.', '# yarn lockfile v1', '']
            for p in rng.sample(PKGS, 4):
                v = ver()
                lines += [f'{p}@^{v}:', f'  version "{v}"', f'  resolved "https://registry.yarnpkg.com/{p}/-/{p}-{v}.tgz#{rs(HEXL, 40)}"', f'  integrity sha512-{b64e(rbytes(64))}', '']
            neg('lockfiles', 'yarn.lock', lines)
        elif k == 3:
            lines = []
            for m in ['github.com/golang-jwt/jwt/v5', 'golang.org/x/crypto', 'github.com/aws/aws-sdk-go-v2', 'github.com/hashicorp/vault/api', 'google.golang.org/grpc']:
                v = 'v' + ver()
                lines += [f'{m} {v} h1:{b64e(rbytes(32))}', f'{m} {v}/go.mod h1:{b64e(rbytes(32))}']
            neg('lockfiles', 'go.sum', lines)
        elif k == 4:
            lines = []
            for p in ['cryptography', 'pyjwt', 'python-dotenv', 'keyring']:
                lines += ['[[package]]', f'name = "{p}"', f'version = "{ver()}"', 'optional = false', 'python-versions = ">=3.8"', 'files = [',
                          f'    {{file = "{p.replace("-", "_")}-{ver()}-py3-none-any.whl", hash = "sha256:{rs(HEXL, 64)}"}},',
                          f'    {{file = "{p.replace("-", "_")}-{ver()}.tar.gz", hash = "sha256:{rs(HEXL, 64)}"}},', ']', '']
            lines += ['[metadata]', 'lock-version = "2.0"', f'content-hash = "{rs(HEXL, 64)}"']
            neg('lockfiles', 'poetry.lock', lines)
        elif k == 5:
            lines = ['lockfileVersion: \'9.0\'', '', 'packages:', '']
            for p in rng.sample(PKGS, 4):
                lines += [f'  {p}@{ver()}:', f'    resolution: {{integrity: sha512-{b64e(rbytes(64))}}}', '    engines: {node: \'>=14\'}', '']
            neg('lockfiles', 'pnpm-lock.yaml', lines)
        elif k == 6:
            d = {'_meta': {'hash': {'sha256': rs(HEXL, 64)}, 'pipfile-spec': 6}, 'default': {
                p: {'hashes': [f'sha256:{rs(HEXL, 64)}', f'sha256:{rs(HEXL, 64)}'], 'version': f'=={ver()}'} for p in ['requests', 'pyjwt', 'boto3']}}
            neg('lockfiles', 'Pipfile.lock', json.dumps(d, indent=4).split('\n'))
        elif k == 7:
            d = {'packages': [{'name': f'acme/{p}', 'version': ver(), 'source': {'type': 'git', 'url': f'https://github.com/acme/{p}.git', 'reference': rs(HEXL, 40)},
                               'dist': {'type': 'zip', 'url': f'https://api.github.com/repos/acme/{p}/zipball/{rs(HEXL, 40)}', 'shasum': ''}} for p in ['oauth2-client', 'jwt-auth']],
                 'content-hash': rs(HEXL, 32)}
            neg('lockfiles', 'composer.lock', json.dumps(d, indent=4).split('\n'))
        elif k == 8:
            d = {'nodes': {'nixpkgs': {'locked': {'lastModified': 1717000000 + rng.randrange(10**6), 'narHash': 'sha256-' + b64e(rbytes(32)), 'owner': 'NixOS', 'repo': 'nixpkgs', 'rev': rs(HEXL, 40), 'type': 'github'}}}, 'root': 'root', 'version': 7}
            neg('lockfiles', 'flake.lock', json.dumps(d, indent=2).split('\n'))
        else:
            d = {'version': 1, 'dependencies': {'net8.0': {p: {'type': 'Direct', 'requested': f'[{ver()}, )', 'resolved': ver(), 'contentHash': b64e(rbytes(64))} for p in ['Azure.Identity', 'Microsoft.IdentityModel.Tokens', 'System.IdentityModel.Tokens.Jwt']}}}
            neg('lockfiles', 'packages.lock.json', json.dumps(d, indent=2).split('\n'))


def neg_minified():
    for i in range(45):
        ids = [''.join(rng.choice(string.ascii_letters) for _ in range(rng.randrange(1, 3))) for _ in range(60)]
        parts = []
        for a, b in zip(ids, ids[1:]):
            parts.append(rng.choice([f'var {a}=function({b}){{return {b}.token||null}}', f'{a}.apiKey={b}.apiKey',
                                     f'{a}["{rs(HEXL, 8)}"]=function(e,t,n){{"use strict";n.d(t,{{Z:()=>{b}}})}}',
                                     f'function {a}({b}){{return{b}.replace(/[A-Za-z0-9+\\/]{{{rng.randrange(8, 40)}}}/g,"")}}',
                                     f'{a}=new Uint8Array([{",".join(str(rng.randrange(256)) for _ in range(12))}])',
                                     f'{a}.headers.Authorization="Bearer "+{b}.accessToken',
                                     f'const {a}="{rs(B64URL, 21)}"']))
        chunk = '{' + ','.join(f'{rng.randrange(100, 999)}:"{rs(HEXL, 20)}"' for _ in range(8)) + '}'
        lines = [f'/*! {rng.choice(PKGS)} v{ver()} | MIT */', ';'.join(parts) + ';', f'__webpack_require__.u=e=>e+"."+{chunk}[e]+".js";']
        if i % 3 == 0:
            sm = b64e(json.dumps({'version': 3, 'sources': ['webpack://app/./src/index.ts'], 'mappings': ';'.join(rs('ABCDEFGIKMOQSU+/acegikmo', 8) for _ in range(20))}).encode())
            lines.append(f'//# sourceMappingURL=data:application/json;charset=utf-8;base64,{sm}')
        else:
            lines.append(f'//# sourceMappingURL=main.{rs(HEXL, 20)}.js.map')
        neg('minified-js', rng.choice(['main.min.js', f'chunk-{rs(HEXL, 8)}.js', 'vendor.bundle.js', 'app.js']), lines)


def neg_base64_assets():
    for i in range(45):
        k = i % 5
        data = b64e(rbytes(rng.randrange(200, 1200)))
        if k == 0:
            lines = ['.icon-lock {', f'  background-image: url("data:image/png;base64,{data}");', '  width: 16px;', '}']
            neg('base64-assets', 'styles.css', lines)
        elif k == 1:
            lines = ['@font-face {', '  font-family: "Inter";', f'  src: url(data:font/woff2;base64,{data}) format("woff2");', '  font-display: swap;', '}']
            neg('base64-assets', 'fonts.css', lines)
        elif k == 2:
            lines = ['<!doctype html>', '<html>', '<body>', f'  <img alt="logo" src="data:image/gif;base64,{data}">', '</body>', '</html>']
            neg('base64-assets', 'index.html', lines)
        elif k == 3:
            lines = ['export const placeholderAvatar =', f'  "data:image/jpeg;base64,{data}";']
            neg('base64-assets', 'src/assets.ts', lines)
        else:
            lines = ['<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">', f'  <image width="32" height="32" xlink:href="data:image/webp;base64,{data}"/>', '</svg>']
            neg('base64-assets', 'badge.svg', lines)


def neg_identifiers():
    for i in range(60):
        k = i % 10
        if k == 0:
            d = {'requestId': uuid4(), 'traceId': rs(HEXL, 32), 'spanId': rs(HEXL, 16), 'user': {'id': uuid4(), 'tenantId': uuid4()}}
            neg('identifiers', 'fixtures/event.json', json.dumps(d, indent=2).split('\n'))
        elif k == 1:
            lines = []
            for _ in range(6):
                lines += [f'commit {rs(HEXL, 40)}', f'Author: {rng.choice(["Ada", "Linus", "Grace"])} <dev@acme.dev>', 'Date:   Tue Jun 4 10:00:00 2024 +0200', '', f'    {rng.choice(["fix token refresh", "rotate secrets doc", "bump deps"])}', '']
            neg('identifiers', 'git-log.txt', lines)
        elif k == 2:
            lines = [f'{rs(HEXL, 64)}  {n}' for n in ['keyhound-x86_64-linux.tar.gz', 'keyhound-aarch64-darwin.tar.gz', 'keyhound-windows.zip']]
            neg('identifiers', 'SHA256SUMS', lines)
        elif k == 3:
            lines = ['# Reformatting commits', *[f'{rs(HEXL, 40)}' for _ in range(4)]]
            neg('identifiers', '.git-blame-ignore-revs', lines)
        elif k == 4:
            lines = ['services:', '  web:', f'    image: nginx@sha256:{rs(HEXL, 64)}', '  cache:', f'    image: redis:7.2@sha256:{rs(HEXL, 64)}']
            neg('identifiers', 'compose.yaml', lines)
        elif k == 5:
            lines = [f'{rs(HEXL, 128)}  release.tar.gz']
            neg('identifiers', 'release.tar.gz.sha512', lines)
        elif k == 6:
            lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<verification-metadata>', '  <components>', '    <component group="com.auth0" name="java-jwt" version="4.4.0">',
                     '      <artifact name="java-jwt-4.4.0.jar">', f'        <sha256 value="{rs(HEXL, 64)}" origin="Generated by Gradle"/>', '      </artifact>', '    </component>', '  </components>', '</verification-metadata>']
            neg('identifiers', 'gradle/verification-metadata.xml', lines)
        elif k == 7:
            rows = [f'{{"_id": {{"$oid": "{rs(HEXL, 24)}"}}, "sessionId": "{rs("0123456789ABCDEFGHJKMNPQRSTVWXYZ", 26)}", "status": "active"}}' for _ in range(4)]
            neg('identifiers', 'seed/sessions.jsonl', rows)
        elif k == 8:
            lines = ['resource "aws_instance" "web" {', f'  ami           = "ami-{rs(HEXL, 17)}"', f'  subnet_id     = "subnet-{rs(HEXL, 17)}"', f'  vpc_security_group_ids = ["sg-{rs(HEXL, 17)}"]', '}']
            neg('identifiers', 'ec2.tf', lines)
        else:
            lines = [f'## [{ver()}] - 2024-05-{rng.randrange(10, 29)}', '', f'- Fix token refresh race ([{rs(HEXL, 7)}](https://github.com/acme/api/commit/{rs(HEXL, 40)}))',
                     f'- Rotate signing key handling (#{rng.randrange(100, 999)}, {rs(HEXL, 7)})']
            neg('identifiers', 'CHANGELOG.md', lines)


def neg_docs():
    fake = [
        ('STRIPE_SECRET_KEY', 'sk_live_' + 'X' * 24), ('STRIPE_SECRET_KEY', 'sk_test_XXXXXXXXXXXXXXXXXXXXXXXX'), ('OPENAI_API_KEY', '<your-api-key>'),
        ('AWS_ACCESS_KEY_ID', 'AKIAIOSFODNN7EXAMPLE'), ('AWS_SECRET_ACCESS_KEY', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'),
        ('GITHUB_TOKEN', 'ghp_' + 'x' * 36), ('SLACK_BOT_TOKEN', 'xoxb-your-bot-token'), ('DATABASE_URL', 'postgres://user:password@localhost:5432/mydb'),
        ('ANTHROPIC_API_KEY', 'sk-ant-...'), ('API_KEY', 'YOUR_API_KEY_HERE'), ('SENDGRID_API_KEY', 'SG.xxxxxxxxxxxxxxxxxxxxxx.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'),
        ('password', 'changeme'), ('TWILIO_AUTH_TOKEN', 'your_auth_token'), ('HF_TOKEN', 'hf_***'), ('DD_API_KEY', '<DATADOG_API_KEY>'),
        ('MONGODB_URI', 'mongodb+srv://<username>:<password>@cluster0.example.mongodb.net/'), ('NPM_TOKEN', 'npm_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX'),
        ('SECRET_KEY', 'replace-me-with-a-long-random-string'), ('client_secret', '${CLIENT_SECRET}'), ('REDIS_URL', 'redis://:password@localhost:6379'),
        ('OPENAI_API_KEY', 'sk-...'), ('JWT_SECRET', 'your-256-bit-secret'), ('VAULT_TOKEN', 'hvs.XXXXXXXXXXXXXXXXXXXXXXXX'), ('DISCORD_WEBHOOK_URL', 'https://discord.com/api/webhooks/<id>/<token>'),
        ('SLACK_WEBHOOK_URL', 'https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX'), ('GOOGLE_API_KEY', 'AIzaSy...'),
        ('DB_PASSWORD', 'example'), ('api_key', 'dummy'), ('TOKEN', 'REDACTED'), ('AZURE_CLIENT_SECRET', '<client-secret>'),
    ]
    for i in range(60):
        picks = rng.sample(fake, 4)
        k = i % 4
        if k == 0:
            lines = ['# Getting started', '', 'Copy `.env.example` to `.env` and fill in your own keys:', '', '```sh'] + [f'{a}={b}' for a, b in picks] + ['```', '', 'Never commit real credentials.']
            neg('docs-placeholders', 'README.md', lines)
        elif k == 1:
            lines = ['# Copy to .env and fill in'] + [f'{a}=' if rng.random() < 0.3 else f'{a}={b}' for a, b in picks]
            neg('docs-placeholders', '.env.example', lines)
        elif k == 2:
            a, b = picks[0]
            lines = ['Configuration', '=============', '', 'Set the key in your shell before running the client::', '', f'    export {a}="{b}"', '', f'.. note:: ``{b}`` is a placeholder; create a real key in the dashboard.']
            neg('docs-placeholders', 'docs/configuration.rst', lines)
        else:
            lines = ['## Authentication', '', '| Variable | Example |', '| --- | --- |'] + [f'| `{a}` | `{b}` |' for a, b in picks]
            neg('docs-placeholders', 'docs/auth.md', lines)


def neg_fixtures():
    vals = ['test', 'password', 'secret', 'fake-token', 'dummy-api-key', 'not-a-real-secret', 'test-secret-123', 'xxx', 'mock_token',
            'testpassword', 'foo', 'bar', 'hunter2', 'abc123', 'invalid-token', 'expired', 'sk_test_fake', 'TEST_KEY', 'password123', 'letmein']
    for i in range(55):
        k = i % 5
        a, b, c = rng.sample(vals, 3)
        if k == 0:
            lines = ['import pytest', '', 'from app.auth import login', '', '', 'def test_login_rejects_bad_password(client):', f'    resp = login(client, username="alice", password="{a}")', '    assert resp.status_code == 401', '', '',
                     'def test_token_header():', f'    headers = {{"Authorization": "Bearer {b}"}}', '    assert parse(headers) is None']
            neg('test-fixtures', 'tests/test_auth.py', lines)
        elif k == 1:
            lines = ["describe('client', () => {", "  it('sends the api key', async () => {", f"    const client = new Client({{ apiKey: '{a}' }});", f"    expect(client.secret).toBe('{b}');", '  });', '});']
            neg('test-fixtures', 'src/client.test.ts', lines)
        elif k == 2:
            lines = ['#[cfg(test)]', 'mod tests {', '    use super::*;', '', '    #[test]', '    fn masks_secret() {', f'        let token = "{a}";', f'        assert_eq!(mask(token), "{a[:2]}…");', '    }', '}']
            neg('test-fixtures', 'src/mask.rs', lines)
        elif k == 3:
            lines = ['users:', '  - name: alice', f'    password: {a}', '  - name: bob', f'    password: "{b}"', 'api:', f'  token: {c}']
            neg('test-fixtures', 'spec/fixtures/users.yml', lines)
        else:
            lines = ['func TestAuth(t *testing.T) {', f'\tcfg := Config{{APIKey: "{a}", Secret: "{b}"}}', '\tif err := cfg.Validate(); err == nil {', '\t\tt.Fatal("expected error")', '\t}', '}']
            neg('test-fixtures', 'auth_test.go', lines)


def neg_references():
    for i in range(60):
        k = i % 12
        n = rng.choice(['NPM_TOKEN', 'STRIPE_SECRET_KEY', 'DB_PASSWORD', 'OPENAI_API_KEY', 'AWS_SECRET_ACCESS_KEY', 'SLACK_WEBHOOK_URL'])
        if k == 0:
            lines = ['jobs:', '  publish:', '    runs-on: ubuntu-latest', '    steps:', '      - run: npm publish', '        env:', f'          NODE_AUTH_TOKEN: ${{{{ secrets.{n} }}}}', f'          API_KEY: ${{{{ secrets.API_KEY }}}}']
            neg('references', '.github/workflows/publish.yml', lines)
        elif k == 1:
            lines = ['import os', '', f'API_KEY = os.environ["{n}"]', 'DB_PASSWORD = os.getenv("DB_PASSWORD", "")', 'SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY")']
            neg('references', 'settings.py', lines)
        elif k == 2:
            lines = ['module.exports = {', f'  apiKey: process.env.{n},', '  password: process.env.DB_PASSWORD || "",', '  secret: process.env["SESSION_SECRET"],', '};']
            neg('references', 'config.js', lines)
        elif k == 3:
            lines = ['{{ with secret "secret/data/app" }}', 'DB_PASSWORD={{ .Data.data.password }}', 'API_KEY={{ .Data.data.api_key }}', '{{ end }}']
            neg('references', 'app.env.tpl', lines)
        elif k == 4:
            lines = ['env:', '  - name: DB_PASSWORD', '    valueFrom:', '      secretKeyRef:', '        name: db-credentials', '        key: password', '  - name: API_TOKEN', '    valueFrom:', '      secretKeyRef: {name: api, key: token}']
            neg('references', 'deployment.yaml', lines)
        elif k == 5:
            lines = ['DATABASE_URL=postgres://${DB_USER}:${DB_PASSWORD}@${DB_HOST}:5432/app', f'{n}=${{{n}}}', 'SECRET_KEY=$(cat /run/secrets/secret_key)']
            neg('references', '.env.template', lines)
        elif k == 6:
            lines = ['password: "{{ vault_db_password }}"', 'api_token: "{{ lookup(\'env\', \'API_TOKEN\') }}"', 'secret_key: "{{ lookup(\'hashi_vault\', \'secret=secret/data/app:key\') }}"']
            neg('references', 'group_vars/prod.yml', lines)
        elif k == 7:
            lines = ['package config', '', 'import "os"', '', 'var (', '\tapiKey   = os.Getenv("API_KEY")', '\tpassword = os.Getenv("DB_PASSWORD")', ')']
            neg('references', 'env.go', lines)
        elif k == 8:
            lines = ['spring.datasource.password=${DB_PASSWORD}', 'app.jwt.secret=${JWT_SECRET:}', 'stripe.api-key=${STRIPE_API_KEY}']
            neg('references', 'application.properties', lines)
        elif k == 9:
            lines = ['<?php', "return [", "    'stripe' => [", "        'secret' => env('STRIPE_SECRET'),", "        'webhook_secret' => env('STRIPE_WEBHOOK_SECRET'),", '    ],', '];']
            neg('references', 'config/services.php', lines)
        elif k == 10:
            lines = ['var apiKey = Environment.GetEnvironmentVariable("API_KEY");', 'var password = configuration["Database:Password"];', 'string token = System.getenv("AUTH_TOKEN");']
            neg('references', 'Startup.cs', lines)
        else:
            lines = ['steps:', '  - script: ./deploy.sh', '    env:', '      API_TOKEN: $(apiToken)', '      DB_PASSWORD: $(DbPassword)', '  - bash: echo "##vso[task.setvariable variable=token;issecret=true]$TOKEN"']
            neg('references', 'azure-pipelines.yml', lines)


def neg_generated():
    for i in range(45):
        k = i % 5
        if k == 0:
            raw = ', '.join(f'0x{rng.randrange(256):02x}' for _ in range(64))
            lines = ['// Code generated by protoc-gen-go. DO NOT EDIT.', 'package authv1', '', 'var file_auth_v1_token_proto_rawDesc = []byte{', f'\t{raw},', '}', '',
                     'type Token struct {', '\tAccessToken  string `protobuf:"bytes,1,opt,name=access_token,json=accessToken,proto3" json:"access_token,omitempty"`', '\tRefreshToken string `protobuf:"bytes,2,opt,name=refresh_token,json=refreshToken,proto3" json:"refresh_token,omitempty"`', '}']
            neg('generated-code', 'token.pb.go', lines)
        elif k == 1:
            lines = ['/* tslint:disable */', '/**', ' * Acme API', ' * NOTE: This class is auto generated by OpenAPI Generator.', ' */', 'export interface ConfigurationParameters {', '    apiKey?: string | Promise<string> | ((name: string) => string);',
                     '    username?: string;', '    password?: string;', '    accessToken?: string | ((name?: string, scopes?: string[]) => string);', '}', '', "export const API_KEY_HEADER = 'X-API-Key';"]
            neg('generated-code', 'src/generated/configuration.ts', lines)
        elif k == 2:
            lines = ['components:', '  securitySchemes:', '    ApiKeyAuth:', '      type: apiKey', '      in: header', '      name: X-API-KEY', '    bearerAuth:', '      type: http', '      scheme: bearer', '      bearerFormat: JWT', 'security:', '  - ApiKeyAuth: []']
            neg('generated-code', 'openapi.yaml', lines)
        elif k == 3:
            esc = ''.join('\\x%02x' % rng.randrange(256) for _ in range(40))
            lines = ['# Generated by the protocol buffer compiler.  DO NOT EDIT!', 'from google.protobuf import descriptor_pool as _descriptor_pool', '',
                     "DESCRIPTOR = _descriptor_pool.Default().AddSerializedFile(b'\\n\\x10secrets/v1.proto\\x12\\nsecrets.v1\\\"" + esc + "')"]
            neg('generated-code', 'secrets_pb2.py', lines)
        else:
            d = {'persistedQueries': [{'operationName': op, 'sha256Hash': rs(HEXL, 64)} for op in ['GetViewer', 'RefreshToken', 'UpdatePassword']]}
            neg('generated-code', 'persisted-queries.json', json.dumps(d, indent=2).split('\n'))


def neg_i18n():
    for i in range(45):
        k = i % 3
        if k == 0:
            d = {'auth': {'password': rng.choice(['Password', 'Mot de passe', 'Passwort']), 'password_hint': 'At least 12 characters', 'token_expired': 'Your session token has expired. Please sign in again.',
                          'api_key_label': 'API key', 'secret_copied': 'Secret copied to clipboard', 'forgot_password': 'Forgot your password?'}}
            neg('i18n', rng.choice(['locales/en.json', 'locales/fr.json', 'i18n/de.json']), json.dumps(d, indent=2, ensure_ascii=False).split('\n'))
        elif k == 1:
            lines = ['en:', '  devise:', '    passwords:', '      no_token: "You can\'t access this page without coming from a password reset email."', '      send_instructions: "You will receive an email with instructions on how to reset your password."', '    api_keys:', '      secret: "Secret key"', '      token: "Access token"']
            neg('i18n', 'config/locales/en.yml', lines)
        else:
            lines = ['msgid "Password"', 'msgstr "Contraseña"', '', 'msgid "API token"', 'msgstr "Token de API"', '', 'msgid "Enter your secret key"', 'msgstr "Introduzca su clave secreta"']
            neg('i18n', 'locale/es/LC_MESSAGES/messages.po', lines)


def neg_css():
    for i in range(40):
        cols = [f'#{rs(HEXL, rng.choice([3, 6, 8]))}' for _ in range(6)]
        if i % 2:
            lines = [':root {'] + [f'  --token-color-{n}: {c};' for n, c in zip(['primary', 'secondary', 'accent', 'danger', 'surface', 'secret-bg'], cols)] + ['}']
            neg('css-colours', 'tokens.css', lines)
        else:
            d = {'color': {n: {'value': c, 'type': 'color'} for n, c in zip(['brand', 'key', 'token', 'password-strength-weak', 'info', 'muted'], cols)}}
            neg('css-colours', 'design-tokens.json', json.dumps(d, indent=2).split('\n'))


def neg_versions():
    for i in range(40):
        k = i % 4
        if k == 0:
            lines = ['[project]', 'name = "acme-auth"', f'version = "{ver()}rc{rng.randrange(1, 5)}"', 'dependencies = [', f'  "pyjwt>={ver()}",', f'  "cryptography=={ver()}",', ']']
            neg('versions', 'pyproject.toml', lines)
        elif k == 1:
            lines = [f'requests=={ver()} \\', f'    --hash=sha256:{rs(HEXL, 64)} \\', f'    --hash=sha256:{rs(HEXL, 64)}', f'pyjwt=={ver()} \\', f'    --hash=sha256:{rs(HEXL, 64)}']
            neg('versions', 'requirements.txt', lines)
        elif k == 2:
            lines = ['{', '  "name": "@acme/token-service",', f'  "version": "{ver()}-beta.{rng.randrange(1, 9)}+build.{rs(HEXL, 7)}",', '  "engines": {"node": ">=20"}', '}']
            neg('versions', 'package.json', lines)
        else:
            lines = [f'__version__ = "{ver()}"', f'__commit__ = "{rs(HEXL, 40)}"', f'BUILD_ID = "{rng.randrange(2024, 2026)}{rng.randrange(1, 13):02d}{rng.randrange(1, 29):02d}.{rng.randrange(1, 200)}"']
            neg('versions', 'src/acme/_version.py', lines)


ED25519_PUB = b'\x00\x00\x00\x0bssh-ed25519\x00\x00\x00 '
RSA_PUB = b'\x00\x00\x00\x07ssh-rsa\x00\x00\x00\x03\x01\x00\x01\x00\x00\x01\x01\x00'


def neg_public_keys():
    for i in range(55):
        k = i % 7
        if k == 0:
            lines = ['-----BEGIN PUBLIC KEY-----', *pem_lines(bytes.fromhex('30820122300d06092a864886f70d01010105000382010f003082010a0282010100'), 240), '-----END PUBLIC KEY-----']
            neg('public-keys', rng.choice(['public.pem', 'keys/jwt-public.pem']), lines)
        elif k == 1:
            lines = ['-----BEGIN CERTIFICATE-----', *pem_lines(bytes.fromhex('308203'), 800), '-----END CERTIFICATE-----']
            neg('public-keys', rng.choice(['ca.crt', 'certs/server.pem', 'fullchain.pem']), lines)
        elif k == 2:
            ed = b64e(ED25519_PUB + rbytes(32))
            rsa = b64e(RSA_PUB + rbytes(256))
            lines = [f'ssh-ed25519 {ed} {rng.choice(["ada", "linus", "deploy"])}@laptop', f'ssh-rsa {rsa} ci@runner']
            neg('public-keys', rng.choice(['authorized_keys', '.ssh/authorized_keys', 'id_ed25519.pub']), lines)
        elif k == 3:
            ed = b64e(ED25519_PUB + rbytes(32))
            lines = [f'github.com ssh-ed25519 {ed}', f'|1|{b64e(rbytes(20))}|{b64e(rbytes(20))} ecdsa-sha2-nistp256 {b64e(rbytes(104))}']
            neg('public-keys', 'known_hosts', lines)
        elif k == 4:
            body = b64e(rbytes(600))
            lines = ['-----BEGIN PGP PUBLIC KEY BLOCK-----', '', *[body[j:j + 64] for j in range(0, len(body), 64)], '=' + b64e(rbytes(3)), '-----END PGP PUBLIC KEY BLOCK-----']
            neg('public-keys', 'KEYS.asc', lines)
        elif k == 5:
            d = {'keys': [{'kty': 'RSA', 'use': 'sig', 'kid': rs(B64URL, 43), 'alg': 'RS256', 'n': b64u(rbytes(256)), 'e': 'AQAB'}]}
            neg('public-keys', '.well-known/jwks.json', json.dumps(d, indent=2).split('\n'))
        else:
            lines = ['# age recipients for sops', 'creation_rules:', '  - path_regex: secrets/.*\\.yaml$', f'    age: {bech32("age", rbytes(32))},{bech32("age", rbytes(32))}']
            neg('public-keys', '.sops.yaml', lines)


def neg_sri():
    for i in range(40):
        k = i % 3
        if k == 0:
            lines = ['<!doctype html>', '<html><head>', f'<script src="https://cdn.jsdelivr.net/npm/{rng.choice(PKGS)}@{ver()}/dist/index.min.js" integrity="sha384-{b64e(rbytes(48))}" crossorigin="anonymous"></script>',
                     f'<link rel="stylesheet" href="https://cdn.example-cdn.com/app.css" integrity="sha512-{b64e(rbytes(64))}" crossorigin="anonymous">', '</head></html>']
            neg('sri-csp', 'index.html', lines)
        elif k == 1:
            lines = ['add_header Content-Security-Policy', f'  "default-src \'self\'; script-src \'self\' \'sha256-{b64e(rbytes(32))}\' \'sha256-{b64e(rbytes(32))}\'; style-src \'self\'";']
            neg('sri-csp', 'nginx/csp.conf', lines)
        else:
            lines = ['{', '  "assets": {', f'    "main.js": {{"integrity": "sha384-{b64e(rbytes(48))}", "size": {rng.randrange(10**4, 10**6)}}},', f'    "main.css": {{"integrity": "sha256-{b64e(rbytes(32))}"}}', '  }', '}']
            neg('sri-csp', 'asset-manifest.json', lines)


def neg_iac():
    for i in range(50):
        k = i % 6
        if k == 0:
            lines = ['resource "aws_db_instance" "main" {', '  engine   = "postgres"', '  username = var.db_username', '  password = var.db_password', '}', '', 'variable "db_password" {', '  type      = string', '  sensitive = true', '}']
            neg('iac-references', 'rds.tf', lines)
        elif k == 1:
            lines = ['data "aws_secretsmanager_secret_version" "api" {', '  secret_id = "prod/api/key"', '}', '', 'locals {', '  api_key = jsondecode(data.aws_secretsmanager_secret_version.api.secret_string)["api_key"]', '}',
                     'resource "random_password" "db" {', '  length  = 32', '  special = true', '}', 'output "db_password" {', '  value     = random_password.db.result', '  sensitive = true', '}']
            neg('iac-references', 'secrets.tf', lines)
        elif k == 2:
            lines = ['apiVersion: v1', 'kind: Secret', 'metadata:', '  name: app', 'stringData:', '  password: {{ .Values.db.password | quote }}', '  apiKey: {{ required "apiKey" .Values.apiKey }}', '  token: {{ randAlphaNum 32 | b64enc }}']
            neg('iac-references', 'templates/secret.yaml', lines)
        elif k == 3:
            lines = ['Resources:', '  Database:', '    Type: AWS::RDS::DBInstance', '    Properties:', '      MasterUsername: admin',
                     "      MasterUserPassword: '{{resolve:secretsmanager:prod/db:SecretString:password}}'", '  ApiKeyParam:', '    Type: AWS::SSM::Parameter', '    Properties:', '      Value: !Ref ApiKey',
                     f'      SecretArn: arn:aws:secretsmanager:eu-west-1:{rng.randrange(10**11, 10**12)}:secret:prod/api-{rs(ALNUM, 6)}']
            neg('iac-references', 'template.yaml', lines)
        elif k == 4:
            lines = ['{', '  "ConnectionStrings": {', '    "Default": "@Microsoft.KeyVault(SecretUri=https://acme-kv.vault.azure.net/secrets/db-conn/)"', '  },', '  "ApiKey": "@Microsoft.KeyVault(VaultName=acme-kv;SecretName=api-key)"', '}']
            neg('iac-references', 'appsettings.json', lines)
        else:
            lines = ['apiVersion: external-secrets.io/v1beta1', 'kind: ExternalSecret', 'metadata:', '  name: api-credentials', 'spec:', '  secretStoreRef:', '    name: vault-backend', '    kind: ClusterSecretStore',
                     '  data:', '    - secretKey: password', '      remoteRef:', '        key: secret/data/api', '        property: password']
            neg('iac-references', 'externalsecret.yaml', lines)


def neg_secret_names():
    """Secret-like names whose values are not secrets: key ids, ARNs, header
    names, endpoints, policies, public material, lengths and hashes."""
    for i in range(50):
        k = i % 10
        if k == 0:
            lines = ['resource "aws_kms_key" "app" {}', '', 'locals {', f'  kms_key_id     = "arn:aws:kms:eu-west-1:{rng.randrange(10**11, 10**12)}:key/{uuid4()}"',
                     f'  secret_arn     = "arn:aws:secretsmanager:eu-west-1:{rng.randrange(10**11, 10**12)}:secret:prod/db-{rs(ALNUM, 6)}"', '  secret_name    = "prod/db/credentials"', '}']
            neg('secret-names', 'locals.tf', lines)
        elif k == 1:
            lines = ['AUTH_TOKEN_HEADER = "X-Auth-Token"', 'API_KEY_HEADER = "X-Api-Key"', 'TOKEN_URL = "https://oauth2.googleapis.com/token"', 'SECRET_KEY_ENV = "DJANGO_SECRET_KEY"', 'PASSWORD_MIN_LENGTH = 12', 'TOKEN_TTL_SECONDS = 3600']
            neg('secret-names', 'constants.py', lines)
        elif k == 2:
            lines = ['auth:', '  token_endpoint: https://login.acme.dev/oauth/token', '  token_type: Bearer', '  secret_ref: vault:secret/data/app#api_key', f'  key_id: "{rs(HEXL, 16)}"', '  password_policy: strong']
            neg('secret-names', 'auth.yaml', lines)
        elif k == 3:
            lines = ['{', f'  "publicKey": "{b64e(ED25519_PUB + rbytes(32))}",', f'  "keyFingerprint": "SHA256:{b64e(rbytes(32)).rstrip("=")}",', '  "tokenType": "access_token",', '  "secretStore": "aws-secrets-manager"', '}']
            neg('secret-names', 'key-metadata.json', lines)
        elif k == 4:
            lines = [f'token_hash = "sha256:{rs(HEXL, 64)}"', f'password_digest = "{rs(HEXL, 64)}"  # sha256 of the reset token, never the token', f'secret_checksum = "{rs(HEXL, 40)}"']
            neg('secret-names', 'audit.toml', lines)
        elif k == 5:
            lines = ['export function getApiKeyFromEnv(): string {', '  const apiKey = process.env.API_KEY ?? "";', '  const secretName = "MY_SECRET_NAME";', '  return apiKey;', '}', 'export const tokenStorageKey = "auth.accessToken";']
            neg('secret-names', 'src/env.ts', lines)
        elif k == 6:
            lines = ['<configuration>', '  <appSettings>', '    <add key="TokenIssuer" value="https://sts.acme.dev" />', '    <add key="ApiKeyHeaderName" value="Ocp-Apim-Subscription-Key" />',
                     '    <add key="SecretProvider" value="AzureKeyVault" />', f'    <add key="CertificateThumbprint" value="{rs(HEXU, 40)}" />', '  </appSettings>', '</configuration>']
            neg('secret-names', 'app.config', lines)
        elif k == 7:
            lines = ['[auth]', 'password_hash_algorithm = "argon2id"', 'token_lifetime = "15m"', 'secret_rotation_days = 90', 'api_key_prefix = "ak_"', 'credentials_path = "/etc/acme/credentials.json"']
            neg('secret-names', 'auth.toml', lines)
        elif k == 8:
            lines = ['GITHUB_TOKEN_PERMISSIONS=contents:read', 'NPM_TOKEN_FILE=/run/secrets/npm_token', 'SECRET_KEY_BASE_FILE=/run/secrets/secret_key_base', 'DB_PASSWORD_FILE=/run/secrets/db_password', 'VAULT_ADDR=https://vault.internal:8200']
            neg('secret-names', '.env', lines)
        else:
            lines = ['query RefreshToken($refreshToken: String!) {', '  refreshToken(token: $refreshToken) {', '    accessToken', '    expiresIn', '  }', '}']
            neg('secret-names', 'refresh.graphql', lines)


# ================================================================ output
def main():
    gen_simple()
    gen_aws()
    gen_gcp_sa()
    gen_azure()
    gen_alibaba_ids()
    gen_registry_files()
    gen_databases()
    gen_keys()
    gen_kube()
    gen_jwt_contexts()
    gen_generic()
    for fn in [neg_lockfiles, neg_minified, neg_base64_assets, neg_identifiers, neg_docs, neg_fixtures, neg_references,
               neg_generated, neg_i18n, neg_css, neg_versions, neg_public_keys, neg_sri, neg_iac, neg_secret_names]:
        fn()

    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    labels = {'positives': [], 'negatives': []}
    for i, (family, provider, fname, content, secrets) in enumerate(POS):
        rel = f'positive/{family}/{i:04d}-{provider}/{fname}'
        path = os.path.join(OUT, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'w') as f:
            f.write(content)
        lines = content.split('\n')
        for secret, a, b in secrets:
            # the expected secret must really sit on the labelled lines
            window = '\n'.join(lines[a - 1:b])
            assert secret in window or secret in window.replace('\\n', '\n'), (rel, secret[:20], a, b)
            labels['positives'].append({'file': rel, 'family': family, 'provider': provider, 'secret': secret, 'line': a, 'end_line': b})
    for i, (family, fname, content) in enumerate(NEG):
        rel = f'negative/{family}/{i:04d}/{fname}'
        path = os.path.join(OUT, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'w') as f:
            f.write(content)
        labels['negatives'].append({'file': rel, 'family': family})
    with open(os.path.join(OUT, 'labels.json'), 'w') as f:
        json.dump(labels, f, indent=1)
        f.write('\n')
    print(f"{len(labels['positives'])} positives in {len(POS)} files, {len(labels['negatives'])} negative files")


if __name__ == '__main__':
    main()
