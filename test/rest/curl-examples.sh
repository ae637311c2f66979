#!/usr/bin/env bash
# Runs every curl example of the REST contract (seeds/001_*: stats, queries, executions, errors, users,
# Temporal workflows and schedules, deactivate) against a running gateway and checks that each answer has the documented shape.
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
# "200|503" and "shape|detail" accept either status, each with its own shape.
check() {
  local expected_statuses=$1 shapes=$2
  shift 2
  local status shape=""
  status=$(curl -sS -o "$body_file" -w '%{http_code}' "$@" -H "Authorization: Bearer $ADMIN_API_KEY") || status=000
  IFS='|' read -r -a statuses <<< "$expected_statuses"
  IFS='|' read -r -a shape_names <<< "$shapes"
  for index in "${!statuses[@]}"; do
    if [ "$status" = "${statuses[$index]}" ]; then shape=${shape_names[$index]}; fi
  done
  if [ -z "$shape" ]; then
    echo "FAIL ($status, expected $expected_statuses) curl $*: $(head -c 300 "$body_file")"
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
# Temporal Workflows and Temporal Schedules: 200 in the documented shape, or 503 {"detail"} when the
# gateway has no Temporal (TEMPORAL_ADDRESS unset or Temporal not answering).
check '200|503' 'temporal_workflows|detail' -X GET "$BASE_URL/admin/temporal/workflows"
check '200|503' 'temporal_schedules|detail' -X GET "$BASE_URL/admin/temporal/schedules"
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
