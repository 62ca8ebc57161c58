# Sourced by .ci/run. The metrics tests (tests/metrics.rs) check keyhound's
# Prometheus text output and docs/alerts.yml with the real `promtool` (Debian
# `prometheus`) and push to a real Pushgateway (Debian
# `prometheus-pushgateway`) on 127.0.0.1. Under CI=true a missing one fails
# those tests.
if ! command -v promtool >/dev/null 2>&1 || ! command -v prometheus-pushgateway >/dev/null 2>&1; then
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends prometheus prometheus-pushgateway >/dev/null
fi
promtool --version | head -1
prometheus-pushgateway --version 2>&1 | head -1
