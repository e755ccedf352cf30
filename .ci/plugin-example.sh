#!/usr/bin/env bash
# The commands of docs/writing-a-plugin.md, run by CI after `mvn -B verify`: install the SPI and the
# test kit, build the Lion example from its own folder (its contract test runs), verify the jar with
# `descent plugins verify`, run a sweep lion vs adam from a plugin directory, and check that every lion
# run recorded the jar's version and SHA-256. Exits non-zero on the first failure. (Output is checked
# with here-strings, not `echo | grep -q`: under pipefail grep -q's early exit kills echo with SIGPIPE.)
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
example="$root/plugins/examples/lion-optimizer"
jar="$example/target/descent-lion-optimizer-1.0.0.jar"
step() { printf '\n== %s\n' "$*" >&2; }
fail() { echo "plugin-example: FAILED: $*" >&2; exit 1; }

step "install the SPI and the test kit (and the parent POM they inherit from)"
mvn -B -q -pl plugins/spi,plugins/testkit -am install -DskipTests

step "build the example plugin from its own folder (runs LionTest, the optimizer contract)"
(cd "$example" && mvn -B -q package)
[ -f "$jar" ] || fail "no $jar"
sha="$(sha256sum "$jar" | cut -d' ' -f1)"
echo "built $jar sha256 $sha" >&2

step "descent plugins verify"
./descent plugins verify "$jar"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir "$work/plugins"
cp "$jar" "$work/plugins/"
store="$work/store"

step "the plugin directory next to the store is found without --plugins"
listing="$(./descent plugins list --store "$store")"
grep -q "^optimizer  lion .*1.0.0" <<<"$listing" || fail "lion not listed from $work/plugins"

step "sweep lion vs adam"
./descent run "$example/lion-vs-adam.yaml" --store "$store" --workers 2

step "every lion run records the jar's version and SHA-256"
ids="$(./descent runs search 'optimizer:lion' --json --store "$store" | grep -o '"id":"[0-9a-f]*"' | cut -d'"' -f4)"
n="$(grep -c . <<<"$ids" || true)"
[ "$n" -eq 3 ] || fail "expected 3 lion runs, found $n"
for id in $ids; do
  show="$(./descent runs show "$id" --store "$store")"
  grep -q '"status" *: *"finished"' <<<"$show" || fail "run $id did not finish"
  grep -q "\"sha256\" *: *\"$sha\"" <<<"$show" || fail "run $id does not record sha256 $sha"
  grep -q '"version" *: *"1.0.0"' <<<"$show" || fail "run $id does not record version 1.0.0"
  grep -q "\"jar\" *: *\"$work/plugins/descent-lion-optimizer-1.0.0.jar\"" <<<"$show" || fail "run $id does not record the jar path"
done
echo "plugin-example: OK ($n lion runs record version 1.0.0 and sha256 $sha)" >&2
