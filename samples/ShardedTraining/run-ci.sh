#!/usr/bin/env bash
# CI for the sample on one storage: a run whose rank 2 is killed (SIGKILL) in the sharded save of step 30, then a
# run that resumes from the newest intact step, trains to the end and verifies every checkpoint (and, for a local
# directory, the `checkpoint` CLI verifies it too).
#   samples/ShardedTraining/run-ci.sh LOCATION      (file:DIR, azure:..., s3:...; see Program.cs)
set -uo pipefail
cd "$(dirname "$0")/../.."
location=$1
run() { dotnet run --project samples/ShardedTraining -c Release --no-build -- --storage "$location" "$@"; }
run --kill-at 30
status=$?
[ "$status" -eq 3 ] || { echo "run-ci.sh: the run with a killed rank exited with $status, not 3"; exit 1; }
run --resume || exit 1
case "$location" in
  file:*) dotnet run --project src/Cli -c Release --no-build -- verify "${location#file:}" ;;
esac
