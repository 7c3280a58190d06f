#!/usr/bin/env bash
# Supply chain: fail on any high or critical advisory in runtime dependencies.
# If the registry has no audit endpoint (some mirrors answer 405), say so loudly: the check
# did not run, which is not the same as passing.
set -uo pipefail
out=$(npm audit --omit=dev --audit-level=high 2>&1)
code=$?
echo "$out" | tail -n 20
if [ $code -eq 0 ]; then
  echo "npm audit: no high or critical advisories in runtime dependencies"
  exit 0
fi
if echo "$out" | grep -qE "audit endpoint returned an error|ENOAUDIT|405 Method Not Allowed|EAI_AGAIN|ENOTFOUND"; then
  echo "npm audit: NOT CHECKED - this registry has no audit endpoint (see docs/RELIABILITY.md)"
  exit 0
fi
echo "npm audit: high or critical advisories found in runtime dependencies"
exit 1
