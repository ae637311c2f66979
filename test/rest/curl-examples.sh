#!/usr/bin/env bash
# Runs every curl example of the REST contract (seeds/001_*: stats, queries, executions, errors, users,
# deactivate) against a running gateway and checks that each answer has the documented shape.
#
#   BASE_URL=http://localhost:4000 ADMIN_API_KEY=sk_... test/rest/curl-examples.sh
#
# The deactivate example names a user id that normally does not exist, so it is expected to answer
# 404 {"detail": …}. Set DEACTIVATE_USER_ID to a real user's UUID to run it for real: that user IS
# deactivated (tasks paused, API keys revoked) and the documented 200 shape is checked instead.
set -euo pipefail

: "${BASE_URL:?set BASE_URL, e.g. http://localhost:4000}"
: "${ADMIN_API_KEY:?set ADMIN_API_KEY to an admin key (sk_...)}"
BASE_URL=${BASE_URL%/}
DEACTIVATE_USER_ID=${DEACTIVATE_USER_ID:-660e8400-e29b-41d4-a716-446655440000}

failures=0
body_file=$(mktemp)
trap 'rm -f "$body_file"' EXIT

# check <expected status> <shape name> <curl arguments…>: runs curl as the documentation writes it,
# then checks the status and the JSON shape (every documented key, the documented types, nothing extra).
check() {
  local expected_status=$1 shape=$2
  shift 2
  local status
  status=$(curl -sS -o "$body_file" -w '%{http_code}' "$@" -H "Authorization: Bearer $ADMIN_API_KEY") || status=000
  if [ "$status" != "$expected_status" ]; then
    echo "FAIL ($status, expected $expected_status) curl $*: $(head -c 300 "$body_file")"
    failures=$((failures + 1))
    return
  fi
  if problem=$(SHAPE=$shape node "$(dirname "$0")/curl-shapes.cjs" < "$body_file"); then
    echo "ok   $status curl $*"
  else
    echo "FAIL curl $*: $problem"
    failures=$((failures + 1))
  fi
}

# Platform Statistics
check 200 stats -X GET "$BASE_URL/admin/stats"
# All User Queries
check 200 queries -X GET "$BASE_URL/admin/queries"
# All Executions: all executions from last 24 hours; failed executions from last 6 hours
check 200 executions -X GET "$BASE_URL/admin/executions"
check 200 executions -X GET "$BASE_URL/admin/executions?status=failed&hours=6"
# Error Monitoring: errors from last 24 hours; errors from last 6 hours
check 200 errors -X GET "$BASE_URL/admin/errors"
check 200 errors -X GET "$BASE_URL/admin/errors?hours=6"
# User Management: all users; only active users
check 200 users -X GET "$BASE_URL/admin/users"
check 200 users -X GET "$BASE_URL/admin/users?active_only=true"
# Deactivate User
if [ "$DEACTIVATE_USER_ID" = 660e8400-e29b-41d4-a716-446655440000 ]; then
  check 404 detail -X PATCH "$BASE_URL/admin/users/$DEACTIVATE_USER_ID/deactivate"
else
  check 200 deactivate -X PATCH "$BASE_URL/admin/users/$DEACTIVATE_USER_ID/deactivate"
fi

if [ "$failures" -gt 0 ]; then
  echo "$failures example(s) failed"
  exit 1
fi
echo "all examples answered the documented shapes"
