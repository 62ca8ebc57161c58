#!/usr/bin/env bash
set -euo pipefail

export MONGODB_URI="mongodb+srv://reporting:zb3HvYuiCu0HM7_suuf6npwvz6@cluster0.liy1c.mongodb.net/prod?retryWrites=true&w=majority"

./bin/deploy --env production
