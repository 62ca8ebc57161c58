#!/usr/bin/env python3
"""Generates the labelled accuracy corpus in tests/accuracy/corpus/.

Positives: for every rule in rules/*.toml, each positive example is re-rolled
into fresh fake secrets (every character of the example secret replaced by a
random one of the same class, checksums recomputed), then embedded into a
realistic file (.env, YAML, JSON, Python, JS, Go, Terraform, Dockerfile,
shell, properties, Markdown) among unrelated filler lines.

Hard negatives: the kinds of files where false positives live — lockfiles
(npm integrity hashes, yarn resolved URLs, go.sum, Cargo.lock, poetry.lock),
minified JS, base64 images, UUIDs, git SHAs, CSS, docs and .env.example files
with placeholder keys, CI configs with secret references, Terraform with
variable references, test fixtures with XXXX tokens, generated code, and every
rule's own negative examples in context.

Run from the repository root:  python3 tests/accuracy/generate.py
The output is deterministic (fixed seed); commit it with the generator.
"""
import base64, json, os, random, re, string, tomllib, zlib

ROOT = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(ROOT))
OUT = os.path.join(ROOT, 'corpus')
rng = random.Random(4242)
VARIANTS = 3  # re-rolls per positive example

B62 = string.digits + string.ascii_uppercase + string.ascii_lowercase


def base62(n, w):
    s = ''
    while n:
        s = B62[n % 62] + s
        n //= 62
    return s.rjust(w, '0')


def reroll_char(c):
    if c in '0123456789':
        return rng.choice('0123456789')
    if c in 'abcdef' and rng.random() < 0.5:
        return rng.choice('abcdef')
    if c.islower():
        return rng.choice(string.ascii_lowercase)
    if c.isupper():
        return rng.choice(string.ascii_uppercase)
    return c


def reroll(secret, rule):
    """A fresh secret with the example's shape; structural literals kept."""
    rx = re.compile(python_regex(rule['regex']))
    keep = literal_prefix(rule)
    cs = rule.get('checksum')
    for _ in range(50):
        if cs in ('github', 'npm'):
            body = ''.join(rng.choice(B62) for _ in range(30))
            new = secret[:4] + body + base62(zlib.crc32(body.encode()), 6)
        elif cs == 'jwt':
            h, p, s = secret.split('.')
            new = f'{h}.{p}.' + ''.join(reroll_char(c) for c in s)
        elif cs == 'basic-auth':
            user, pw = base64.b64decode(secret).decode().split(':', 1)
            pw = ''.join(reroll_char(c) for c in pw)
            new = base64.b64encode(f'{user}:{pw}'.encode()).decode()
        elif cs == 'bech32':
            return None  # re-rolling bech32 needs the encoder; keep the examples only
        elif '-----BEGIN' in secret or rule.get('multiline'):
            new = re.sub(r'(?<=\n)([ \t]*)([A-Za-z0-9+/]{20,})', lambda m: m.group(1) + ''.join(reroll_char(c) for c in m.group(2)), secret)
        else:
            new = secret[:keep] + ''.join(reroll_char(c) for c in secret[keep:])
        if new != secret and rx.search(new) and not has_run(new):
            return new
    return None


def has_run(s, n=4):
    return any(len(set(s[i:i + n])) == 1 for i in range(len(s) - n + 1))


def python_regex(rx):
    # Rust regex syntax used in rules is Python-compatible except for these.
    return rx.replace('(?-u)', '')


def literal_prefix(rule):
    """Length of the literal prefix every example secret shares."""
    secrets = [p['secret'] for p in rule['examples']['positive'] if isinstance(p, dict)]
    if not secrets:
        return 0
    pre = os.path.commonprefix(secrets)
    # keep tokens like "sk-proj-" or "xoxb-" and a literal infix such as T3BlbkFJ
    return len(pre)


FILLER = {
    'env': ['NODE_ENV=production', 'LOG_LEVEL=info', 'PORT=8080', 'FEATURE_FLAGS=checkout_v2,search_beta', 'TZ=UTC'],
    'yaml': ['replicas: 3', 'image: registry.internal/app:1.14.2', 'logLevel: info', 'timeoutSeconds: 30', 'region: eu-west-1'],
    'py': ['import os', 'import logging', 'logger = logging.getLogger(__name__)', 'TIMEOUT = 30', 'RETRIES = 5'],
    'js': ["'use strict';", "const path = require('path');", 'const PORT = process.env.PORT || 3000;', 'module.exports = { retries: 3 };'],
    'md': ['# Deployment notes', '', 'Run `make deploy` from a clean checkout.', '', '## Credentials used by staging', ''],
}
WRAP = [('env', '.env'), ('yaml', 'config.yaml'), ('py', 'settings.py'), ('js', 'config.js'), ('md', 'NOTES.md')]


def wrap(text, kind):
    lines = FILLER[kind][:]
    rng.shuffle(lines)
    k = rng.randrange(len(lines) + 1)
    body = lines[:k] + text.rstrip('\n').split('\n') + lines[k:]
    if kind == 'md':
        body = FILLER['md'] + ['```'] + text.rstrip('\n').split('\n') + ['```']
    return '\n'.join(body) + '\n'


def family_of(path):
    return os.path.splitext(os.path.basename(path))[0]


def positives(rules):
    out = []
    for fam, rule in rules:
        for ex in rule['examples']['positive']:
            if not isinstance(ex, dict):
                continue
            for v in range(VARIANTS):
                new = reroll(ex['secret'], rule) if v else ex['secret']
                if new is None:
                    continue
                text = ex['text'].replace(ex['secret'], new)
                multi = '\n' in text.strip('\n')
                kind, name = ('env', 'key.txt') if multi else rng.choice(WRAP)
                if multi:
                    content = text if text.endswith('\n') else text + '\n'
                else:
                    content = wrap(text, kind)
                out.append(dict(family=fam, rule=rule['id'], secret=new, name=name, content=content))
    return out


def hx(n):
    return ''.join(rng.choice('0123456789abcdef') for _ in range(n))


def b64(n):
    return ''.join(rng.choice(string.ascii_letters + string.digits + '+/') for _ in range(n))


def uuid():
    return f'{hx(8)}-{hx(4)}-4{hx(3)}-{rng.choice("89ab")}{hx(3)}-{hx(12)}'


def word():
    return rng.choice(['lodash', 'react', 'tokenizer', 'secret-handshake', 'js-tokens', 'api-client', 'password-validator',
                       'auth-core', 'credential-store', 'keytar', 'jsonwebtoken', 'passport', 'bcrypt', 'dotenv'])


NEG_GENERATORS = []


def neg(fn):
    NEG_GENERATORS.append(fn)
    return fn


@neg
def package_lock():
    w = word()
    return 'package-lock.json', json.dumps({'packages': {f'node_modules/{w}': {
        'version': f'{rng.randrange(1, 9)}.{rng.randrange(20)}.{rng.randrange(20)}',
        'resolved': f'https://registry.npmjs.org/{w}/-/{w}-4.0.0.tgz',
        'integrity': 'sha512-' + b64(86) + '==', 'dev': True}}}, indent=2)


@neg
def yarn_lock():
    w = word()
    return 'yarn.lock', f'"{w}@^4.0.0":\n  version "4.0.0"\n  resolved "https://registry.yarnpkg.com/{w}/-/{w}-4.0.0.tgz#{hx(40)}"\n  integrity sha512-{b64(86)}==\n'


@neg
def go_sum():
    return 'go.sum', f'github.com/golang-jwt/jwt/v5 v5.2.{rng.randrange(9)} h1:{b64(43)}=\ngithub.com/golang-jwt/jwt/v5 v5.2.1/go.mod h1:{b64(43)}=\n'


@neg
def cargo_lock():
    return 'Cargo.lock', f'[[package]]\nname = "secret-service"\nversion = "3.1.0"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\nchecksum = "{hx(64)}"\n'


@neg
def poetry_lock():
    return 'poetry.lock', f'[[package]]\nname = "python-dotenv"\nversion = "1.0.1"\nfiles = [\n    {{file = "python_dotenv-1.0.1-py3-none-any.whl", hash = "sha256:{hx(64)}"}},\n]\n'


@neg
def minified_js():
    ids = [''.join(rng.choice(string.ascii_letters) for _ in range(rng.randrange(1, 3))) for _ in range(40)]
    body = ';'.join(f'var {a}=function({b}){{return {b}.token||"{hx(8)}"}}' for a, b in zip(ids, ids[1:]))
    return 'app.min.js', body + f';var apiKeyHeader="X-Api-Key",secretField="client_secret",tokenUrl="/oauth/token";\n'


@neg
def base64_image():
    return 'logo.css', f'.logo{{background:url("data:image/png;base64,{b64(400)}")}}\n.token-badge{{color:#{hx(6)}}}\n'


@neg
def uuids_and_shas():
    return 'fixtures.json', json.dumps({'id': uuid(), 'token_id': uuid(), 'commit': hx(40), 'parent_sha': hx(40),
                                        'secret_version_id': uuid(), 'etag': hx(32)}, indent=2)


@neg
def env_example():
    keys = ['STRIPE_SECRET_KEY=sk_live_your_key_here', 'GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
            'AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE', 'AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
            'OPENAI_API_KEY=sk-...', 'DATABASE_URL=postgres://user:password@localhost:5432/db', 'SECRET_KEY=changeme',
            'API_TOKEN=<your-api-token>', 'SLACK_WEBHOOK_URL=https://hooks.slack.com/services/XXX/YYY/ZZZ',
            'JWT_SECRET=${JWT_SECRET}', 'PASSWORD=', 'REDIS_URL=redis://localhost:6379']
    rng.shuffle(keys)
    return '.env.example', '\n'.join(keys[:6]) + '\n'


@neg
def docs_placeholders():
    return 'README.md', ('## Configuration\n\nSet `API_KEY` to the key from your dashboard, e.g. `api_key = "YOUR_API_KEY"`.\n\n'
                         '```bash\nexport GITHUB_TOKEN=<token>\ncurl -H "Authorization: Bearer $TOKEN" https://api.example.com\n'
                         'export AWS_SECRET_ACCESS_KEY=your-secret-key\n```\n\nThe `client_secret` field holds your OAuth secret.\n')


@neg
def ci_refs():
    return '.github/workflows/deploy.yml', ('jobs:\n  deploy:\n    steps:\n      - uses: actions/checkout@' + hx(40) + '\n'
                                            '      - run: npm publish\n        env:\n          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}\n'
                                            '          AWS_SECRET_ACCESS_KEY: ${{ secrets.AWS_SECRET_ACCESS_KEY }}\n'
                                            '          password: ${{ secrets.REGISTRY_PASSWORD }}\n')


@neg
def terraform_refs():
    return 'main.tf', ('resource "aws_db_instance" "main" {\n  password = var.db_password\n  username = "app"\n}\n'
                       'resource "kubernetes_secret" "api" {\n  data = { api_key = data.vault_generic_secret.api.data["key"] }\n}\n'
                       f'variable "secret_arn" {{ default = "arn:aws:secretsmanager:eu-west-1:{rng.randrange(10**11, 10**12)}:secret:prod/api-{hx(6)}" }}\n')


@neg
def k8s_refs():
    return 'deployment.yaml', ('env:\n  - name: DB_PASSWORD\n    valueFrom:\n      secretKeyRef:\n        name: db-credentials\n        key: password\n'
                               '  - name: API_TOKEN\n    valueFrom: { secretKeyRef: { name: api, key: token } }\n')


@neg
def code_refs():
    return 'settings.py', ('import os\nSECRET_KEY = os.environ["DJANGO_SECRET_KEY"]\nDATABASE_PASSWORD = os.getenv("DB_PASSWORD", "")\n'
                           'API_KEY = config("API_KEY")\nAUTH_TOKEN_HEADER = "X-Auth-Token"\nPASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]\n'
                           'token = request.headers.get("Authorization", "").removeprefix("Bearer ")\n')


@neg
def test_fixtures():
    return 'test_auth.py', ('def test_rejects_bad_token():\n    token = "ghp_' + 'X' * 36 + '"\n'
                            '    assert not validate(token)\n    password = "correct-horse-battery-staple"\n'
                            '    api_key = "test_api_key_123"\n    secret = "dummy-secret-value"\n')


@neg
def generated_code():
    return 'api_pb2.py', ("DESCRIPTOR = _descriptor_pool.Default().AddSerializedFile(b'\\n\\x0c" + ''.join(f'\\x{rng.randrange(256):02x}' for _ in range(60)) + "')\n"
                          "_TOKENREQUEST = DESCRIPTOR.message_types_by_name['TokenRequest']\n"
                          f"_SECRETREF._serialized_start={rng.randrange(1000)}\n")


@neg
def hashes_in_configs():
    return 'integrity.html', (f'<script src="https://cdn.example.net/app.js" integrity="sha384-{b64(64)}" crossorigin="anonymous"></script>\n'
                              f'<meta name="csrf-token-param" content="authenticity_token">\n')


@neg
def version_and_colors():
    return 'theme.scss', f'$token-primary: #{hx(6)};\n$secret-banner-bg: #{hx(6)};\n// token-version: 2.{rng.randrange(20)}.{rng.randrange(20)}\n'


@neg
def git_shas():
    return 'CHANGELOG.md', '\n'.join(f'- {hx(40)} fix token refresh race ({hx(7)})' for _ in range(5)) + '\n'


@neg
def ssh_public():
    return 'authorized_keys', f'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI{b64(43)} deploy@ci\nssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ{b64(300)} ops@bastion\n'


@neg
def cert_public():
    body = '\n'.join(b64(64) for _ in range(8))
    return 'ca.pem', f'-----BEGIN CERTIFICATE-----\nMIID{body}\n-----END CERTIFICATE-----\n-----BEGIN PUBLIC KEY-----\nMIIB{b64(60)}\n-----END PUBLIC KEY-----\n'


def negatives(rules):
    out = []
    for i in range(420):
        gen = NEG_GENERATORS[i % len(NEG_GENERATORS)]
        name, content = gen()
        out.append(dict(family='hard-negative', name=name, content=content))
    for fam, rule in rules:
        for n in rule['examples']['negative']:
            kind, name = rng.choice(WRAP)
            out.append(dict(family=fam, name=name, content=wrap(n, kind) if '\n' not in n else n + '\n'))
    return out


def main():
    rules = []
    rdir = os.path.join(REPO, 'rules')
    for f in sorted(os.listdir(rdir)):
        if f.endswith('.toml'):
            with open(os.path.join(rdir, f), 'rb') as fh:
                for r in tomllib.load(fh).get('rule', []):
                    rules.append((family_of(f), r))
    pos, negs = positives(rules), negatives(rules)
    if os.path.isdir(OUT):
        for dp, dn, fn in os.walk(OUT, topdown=False):
            for f in fn:
                os.remove(os.path.join(dp, f))
            for d in dn:
                os.rmdir(os.path.join(dp, d))
    labels = []
    for kind, cases in (('positive', pos), ('negative', negs)):
        for i, c in enumerate(cases):
            rel = f'{kind}/{i:04d}-{c["name"].replace("/", "_").lstrip(".")}'
            os.makedirs(os.path.join(OUT, kind), exist_ok=True)
            with open(os.path.join(OUT, rel), 'w') as fh:
                fh.write(c['content'])
            labels.append({'path': rel, 'positive': kind == 'positive',
                           'family': c['family'], 'rule': c.get('rule'), 'secret': c.get('secret')})
    with open(os.path.join(OUT, 'labels.json'), 'w') as fh:
        json.dump(labels, fh, indent=1)
    print(f'{len(pos)} positives, {len(negs)} negatives')


if __name__ == '__main__':
    main()
