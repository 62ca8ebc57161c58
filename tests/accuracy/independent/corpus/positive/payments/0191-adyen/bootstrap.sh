#!/usr/bin/env bash
set -euo pipefail

# ask #platform for access
export ADYEN_API_KEY="AQEDO6EI/QnAKaOdPVIrQ3IZ+owX/+dz9cynH+uRsEx5Htz6ksKnyEx4TtmHZbdWMhI37==-I5Dpanp47u+gXrS3t0d4rhXJbVC5hVXJg0TONFXGBwK=-FYuah3cwsBcOldLx"

./bin/deploy --env production
