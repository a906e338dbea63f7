#!/usr/bin/env bash
# Runs the type check and the test suite against both ends of the peer dependency ranges of package.json: the
# LOWEST and the HIGHEST published versions of cdk8s, constructs and cdk8s-plus-27 that the ranges allow (the
# devDependencies pin one version each, which is all `npm test` covers). The highest versions are resolved now, from
# the registry, so a new release is tested as soon as it appears.
#
# Usage: scripts/peer-range-test.sh [lowest|highest]...   (both ends when none is given; `npm run test:peers` too)
#
# For each end: the repository's files (tracked and untracked, not ignored: no node_modules, build or dist) are
# copied to a temporary folder, which is deleted afterwards; there `npm ci` installs the lock file, `npm install
# --no-save` replaces the three packages with that end's versions, `npm ls` prints what is installed (the script
# fails if it is not exactly the versions asked for), then `npm run typecheck` and jest run.
#
# test/package/ is left out: its tests pack the package and install the tarball, with its peers, from a lock file
# derived from package-lock.json (offline), so they always get the devDependency versions whatever is installed
# here; they would only repeat `npm test`'s run.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
peers=(cdk8s constructs cdk8s-plus-27)

ends=("$@")
if [ ${#ends[@]} -eq 0 ]; then ends=(lowest highest); fi
for end in "${ends[@]}"; do
  case "$end" in
    lowest|highest) ;;
    *) echo "peer-range-test: unknown end '$end' (allowed: lowest, highest)" >&2; exit 2 ;;
  esac
done

# The range package.json's peerDependencies give for a package.
range_of() {
  node -e '
    const [name] = process.argv.slice(1);
    const range = require("./package.json").peerDependencies?.[name];
    if (!range) { console.error(`peer-range-test: package.json has no peerDependencies entry for ${name}`); process.exit(1); }
    console.log(range);
  ' "$1"
}

# The lowest or highest published version of a package within a range (npm lists the versions the range allows).
version_at() {
  local name=$1 range=$2 end=$3 listed
  listed=$(npm view "$name@$range" version --json)
  node -e '
    const [name, range, end, listed] = process.argv.slice(1);
    const parsed = listed.trim() === "" ? [] : JSON.parse(listed);
    const versions = Array.isArray(parsed) ? parsed : [parsed];
    if (versions.length === 0) { console.error(`peer-range-test: no published version of ${name} satisfies ${range}`); process.exit(1); }
    const bad = versions.find((v) => !/^\d+\.\d+\.\d+$/.test(v));
    if (bad) { console.error(`peer-range-test: ${name}@${range} lists ${bad}, not a plain major.minor.patch version`); process.exit(1); }
    const key = (v) => v.split(".").map(Number);
    versions.sort((a, b) => { const [x, y] = [key(a), key(b)]; return x[0] - y[0] || x[1] - y[1] || x[2] - y[2]; });
    console.log(end === "lowest" ? versions[0] : versions[versions.length - 1]);
  ' "$name" "$range" "$end" "$listed"
}

# Copies the repository's files, without what Git ignores, into a folder.
copy_repository() {
  local to=$1
  (cd "$root" && git ls-files -z --cached --others --exclude-standard \
    | while IFS= read -r -d '' f; do if [ -e "$f" ]; then printf '%s\0' "$f"; fi; done \
    | tar --null -T - -cf -) | (cd "$to" && tar -xf -)
}

failed=()
for end in "${ends[@]}"; do
  specs=()
  for name in "${peers[@]}"; do
    specs+=("$name@$(version_at "$name" "$(range_of "$name")" "$end")")
  done
  echo "== peer range, $end end: ${specs[*]}"
  work=$(mktemp -d "${TMPDIR:-/tmp}/cdk8s-platform-peers-$end-XXXXXX")
  trap 'rm -rf "$work"' EXIT
  # mktemp makes the folder readable by its owner only; a test runs a child process as another user (nobody) that
  # loads the library from here, as it would from a repository checked out with the usual permissions.
  chmod 755 "$work"
  copy_repository "$work"
  start=$SECONDS
  # errexit is ignored inside a subshell that is part of a && or || list, so the status is taken with it off.
  set +e
  (
    set -e
    cd "$work"
    npm ci --no-audit --no-fund --loglevel=error
    npm install --no-save --no-audit --no-fund --loglevel=error "${specs[@]}"
    # npm ls calls these versions invalid (they are not the devDependencies' pins) and exits 1: the check below is
    # what counts.
    npm ls "${peers[@]}" || true
    for spec in "${specs[@]}"; do
      name=${spec%@*} want=${spec##*@}
      got=$(node -p "require('$name/package.json').version")
      if [ "$got" != "$want" ]; then echo "peer-range-test: $name is $got, expected $want" >&2; exit 1; fi
    done
    npm run typecheck
    npx jest --testPathIgnorePatterns '<rootDir>/test/package/'
  )
  status=$?
  set -e
  rm -rf "$work"
  trap - EXIT
  echo "== peer range, $end end: $([ $status -eq 0 ] && echo passed || echo "FAILED (exit $status)") in $((SECONDS - start)) s"
  if [ $status -ne 0 ]; then failed+=("$end"); fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "peer-range-test: the test suite failed at the ${failed[*]} end of the peer ranges" >&2
  exit 1
fi
