#!/usr/bin/env bash
# Brings the public API baselines (PublicAPI.Shipped.txt / PublicAPI.Unshipped.txt beside each library project) up
# to date after a deliberate change of the public API, so the next build has no RS0016/RS0017:
#   - gone (RS0017): its line leaves Unshipped.txt, or, if it had shipped, "*REMOVED*<line>" is added to Unshipped.txt;
#   - new (RS0016): added to Unshipped.txt by the analyzer's own code fix (dotnet format).
# Review the diff: every line is a public API change a user will see.
#
#   bash scripts/update-public-api.sh          update the baselines of every library
#   bash scripts/update-public-api.sh --ship   at a release: fold Unshipped.txt into Shipped.txt
set -euo pipefail
cd "$(dirname "$0")/.."

projects=(src/Runtime/Checkpoint.csproj src/Storage.Azure/Checkpoint.Azure.csproj src/Storage.S3/Checkpoint.S3.csproj)
header='#nullable enable'

ship() {
  local dir=$1 removed kept
  removed=$(grep '^\*REMOVED\*' "$dir/PublicAPI.Unshipped.txt" | sed 's/^\*REMOVED\*//' || true)
  kept=$( { grep -vxF "$header" "$dir/PublicAPI.Shipped.txt"; grep -vxF "$header" "$dir/PublicAPI.Unshipped.txt" | grep -v '^\*REMOVED\*'; } |
    grep -v '^$' | { if [ -n "$removed" ]; then grep -vxF -f <(printf '%s\n' "$removed"); else cat; fi; } | LC_ALL=C sort -u || true)
  { echo "$header"; [ -n "$kept" ] && printf '%s\n' "$kept"; } >"$dir/PublicAPI.Shipped.txt"
  echo "$header" >"$dir/PublicAPI.Unshipped.txt"
}

drop_removed() {
  local project=$1 file symbol
  # Every RS0017 names the baseline file and the line that no longer matches a public symbol.
  dotnet build "$project" -c Release --no-incremental -p:StrictPublicApi=false 2>&1 |
    sed -nE "s/^([^(]+PublicAPI\.(Shipped|Unshipped)\.txt)\([0-9]+,[0-9]+\): warning RS0017: Symbol '(.*)' is part of the declared API.*/\1\t\3/p" |
    sort -u |
    while IFS=$'\t' read -r file symbol; do
      case "$file" in
        *Unshipped.txt) grep -vxF -- "$symbol" "$file" >"$file.new" || true; mv "$file.new" "$file" ;;
        *Shipped.txt) echo "*REMOVED*$symbol" >>"$(dirname "$file")/PublicAPI.Unshipped.txt" ;;
      esac
      echo "removed from the baseline: $symbol"
    done
}

for project in "${projects[@]}"; do
  dir=$(dirname "$project")
  if [ "${1:-}" = "--ship" ]; then
    ship "$dir"
  else
    drop_removed "$project"
    dotnet format analyzers "$project" --diagnostics RS0016 --severity warn
  fi
done
git --no-pager diff --stat -- '*PublicAPI.*.txt'
