#!/usr/bin/env bash
set -euo pipefail

curl -fsS -H "Authorization: Bearer xoxb-5546060240757-1919264991477-poelVNc9cLhKm32ZlGOSJSZS" https://api.internal.acme.dev/v1/health
