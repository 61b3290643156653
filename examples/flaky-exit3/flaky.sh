#!/bin/sh
# Fails with exit code 3 (a retryable failure in job.json) with a chance of FAIL_PERCENT in 100.
percent="${FAIL_PERCENT:-100}"
roll=$((RANDOM % 100))
echo "rolled $roll; failing when below $percent"
if [ "$roll" -lt "$percent" ]; then
  echo "failing with exit code 3" >&2
  exit 3
fi
echo "succeeded"
