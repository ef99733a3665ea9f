#!/usr/bin/env bash
# Runs a command with the storage emulators up: Azurite (Azure Blob Storage) and s3rver (S3), from this folder's
# node_modules (npm ci), each on a free loopback port with its own data folder; stops them when the command ends.
#
#   tests/Storage.Tests/emulators/start.sh COMMAND [ARGS...]
#
# The command sees (and its exit status is returned):
#   CKPT_AZURE_CONNECTION_STRING  Azurite's development account (public, documented with Azurite; not a secret)
#   CKPT_AZURE_LOCATION           azure:<that connection string>; append Container=NAME;Prefix=P for a StorageLocation
#   CKPT_S3_URL                   s3rver's endpoint, http://127.0.0.1:PORT/ (access key and secret: S3RVER)
#   CKPT_S3_LOCATION, CKPT_S3_QUERY   s3:http://127.0.0.1:PORT/ and ?access-key=...&conditional-writes=false:
#                                 "$CKPT_S3_LOCATION"BUCKET/PREFIX"$CKPT_S3_QUERY" is a StorageLocation
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
[ "$#" -gt 0 ] || { echo "usage: $0 COMMAND [ARGS...]" >&2; exit 2; }
command -v node >/dev/null || { echo "start.sh: node is not on the PATH (apt-get install nodejs npm)" >&2; exit 1; }
[ -d "$here/node_modules/azurite" ] && [ -d "$here/node_modules/s3rver" ] || (cd "$here" && npm ci --no-audit --no-fund >/dev/null) || exit 1

data=$(mktemp -d)
pids=()
stop() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null; done
  rm -rf "$data"
}
trap stop EXIT

free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
wait_port() {
  local port=$1 name=$2
  for _ in $(seq 1 300); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    sleep 0.2
  done
  echo "start.sh: $name did not start on port $port" >&2
  return 1
}

azure_port=$(free_port)
node "$here/node_modules/azurite/dist/src/blob/main.js" --blobHost 127.0.0.1 --blobPort "$azure_port" --location "$data/azurite" \
  --silent --skipApiVersionCheck --loose &
pids+=($!)
s3_port=$(free_port)
mkdir -p "$data/s3rver"
node "$here/s3rver-keepalive.js" --address 127.0.0.1 --port "$s3_port" --directory "$data/s3rver" --silent &
pids+=($!)
wait_port "$azure_port" Azurite && wait_port "$s3_port" s3rver || exit 1

key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
export CKPT_AZURE_CONNECTION_STRING="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$azure_port/devstoreaccount1;"
export CKPT_S3_URL="http://127.0.0.1:$s3_port/"
export CKPT_S3_LOCATION="s3:http://127.0.0.1:$s3_port/"
export CKPT_S3_QUERY="?access-key=S3RVER&secret-key=S3RVER&conditional-writes=false"
export CKPT_AZURE_LOCATION="azure:${CKPT_AZURE_CONNECTION_STRING}"
echo "emulators: Azurite on 127.0.0.1:$azure_port, s3rver on 127.0.0.1:$s3_port"
"$@"
