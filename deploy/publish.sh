#!/bin/sh
# Publishes a plan project as a framework-dependent Linux runner, the way deploy/Dockerfile does (the tests run
# this same script). Usage: deploy/publish.sh <plan.csproj> <output folder> [amd64|arm64]
# Writes <output>/<AssemblyName> (the apphost), its dependencies, and <output>/runner, a link to the apphost.
set -eu
project="$1"
out="$2"
case "${3:-$(uname -m)}" in
  amd64|x86_64) rid=linux-x64 ;;
  arm64|aarch64) rid=linux-arm64 ;;
  *) echo "publish.sh: unsupported architecture '${3:-$(uname -m)}'" >&2; exit 2 ;;
esac

# Framework-dependent (the image brings the ASP.NET Core runtime), one RID so only its native DuckDB library is
# copied, an apphost so the runner starts as /app/<Plan>, and no SDK needed at run time.
dotnet publish "$project" -c Release -r "$rid" --self-contained false -p:UseAppHost=true -o "$out" -nologo -v:q
name="$(dotnet msbuild "$project" -nologo -getProperty:AssemblyName)"
ln -sf "$name" "$out/runner"
echo "published $name for $rid to $out"
