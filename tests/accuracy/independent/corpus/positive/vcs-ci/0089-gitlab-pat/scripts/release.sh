#!/usr/bin/env bash
set -euo pipefail

export GL_TOKEN="glpat-rIYsTtkDkiKZbHfxJ5-M"

./bin/deploy --env production
