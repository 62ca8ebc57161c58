#!/usr/bin/env bash
set -euo pipefail

export auth_token="w5VLKA7TbK4O9fD"

./bin/deploy --env production
