#!/usr/bin/env bash
set -euo pipefail

export TFE_TOKEN="KeX2bW8pIhFZZy.atlasv1.8jYraQUKBmt2pXlUh0FN1wUuOcFWnw4WcghvS5j8nfyda1rXtfsl2cIxgiVKqUrD05O"

./bin/deploy --env production
