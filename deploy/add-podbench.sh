#!/bin/sh
# Makes a plan folder reference the PodBench package from a feed, the way deploy/Dockerfile does before publishing
# (the tests run this same script). A plan that already references PodBench keeps its version; one that does not
# (this repository's examples, which get PodBench from examples/Directory.Build.*) gets PODBENCH_VERSION, else
# the newest PodBench.<version>.nupkg in the feed. Usage: deploy/add-podbench.sh <plan folder> <feed folder>
set -eu
plan="$1"
feed="$2"
set -- "$plan"/*.csproj
[ -f "$1" ] || { echo "add-podbench.sh: no .csproj in $plan" >&2; exit 2; }
[ $# -eq 1 ] || { echo "add-podbench.sh: more than one .csproj in $plan" >&2; exit 2; }
project="$1"
if grep -q 'PackageReference Include="PodBench"' "$project"; then
  echo "$project already references PodBench"
  exit 0
fi
version="${PODBENCH_VERSION:-}"
if [ -z "$version" ]; then
  newest="$(ls "$feed" | sed -n 's/^PodBench\.\([0-9].*\)\.nupkg$/\1/p' | sort -V | tail -n 1)"
  [ -n "$newest" ] || { echo "add-podbench.sh: no PodBench.<version>.nupkg in $feed; set PODBENCH_VERSION" >&2; exit 2; }
  version="$newest"
fi
# No restore here: the publish that follows restores with the feed (RestoreAdditionalProjectSources) and the
# configured sources, which serve the package's own dependencies.
dotnet add "$project" package PodBench --version "$version" --no-restore
