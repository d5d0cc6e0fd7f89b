#!/usr/bin/env bash
# The test suite runs real programs from Debian's packages: node_exporter and rngd (the agents' flags) and
# chromium (the planner's HTML page). Installs whichever is missing, so `npm test` works on a fresh machine.
set -u
missing=()
[ -x /usr/bin/prometheus-node-exporter ] || missing+=(prometheus-node-exporter)
[ -x /usr/sbin/rngd ] || missing+=(rng-tools5)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "test programs missing (${missing[*]}): install them with apt-get as root; the tests that run them will fail"
  exit 0
fi
echo "installing test programs: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null ||
  echo "apt-get install failed: the tests that run ${missing[*]} will fail"
exit 0
