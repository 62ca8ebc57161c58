#!/usr/bin/env bash
set -euo pipefail

export auth_token="imZ408ocaAZ9ZMMIqw5asLlL4sHxllF8"

./bin/deploy --env production
