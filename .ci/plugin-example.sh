#!/usr/bin/env bash
# The plugin author's path of docs/writing-a-plugin.md, run by CI after `mvn -B verify`:
#  1. install the SPI and the test kit;
#  2. `descent plugins new optimizer adamax`, and build the project as generated (it passes its tests
#     and `descent plugins verify` with its placeholder rule);
#  3. fill in the update rule: copy plugins/examples/adamax (Adamax.java, AdamaxProvider.java, a contract
#     test configuration, torch reference points for torch.optim.Adamax and the script that made them)
#     over the generated files;
#     `mvn package` (contract test + reference trace test), `descent plugins verify`, a sweep adamax vs adam;
#  4. the Lion example: build from its own folder, verify, a sweep from the default plugin directory,
#     and every lion run records the jar's version and SHA-256.
# Exits non-zero on the first failure. (Output is checked with here-strings, not `echo | grep -q`:
# under pipefail grep -q's early exit kills echo with SIGPIPE.)
#
# Maven settings: projects outside this checkout do not see its .mvn/maven.config, so its options
# (e.g. -Dmaven.repo.local=...) are passed to every mvn run here; MAVEN_OPTS and MAVEN_ARGS work as usual.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
step() { printf '\n== %s\n' "$*" >&2; }
fail() { echo "plugin-example: FAILED: $*" >&2; exit 1; }
mvn_opts=()
if [ -f "$root/.mvn/maven.config" ]; then
  read -r -a mvn_opts <<<"$(tr '\n' ' ' < "$root/.mvn/maven.config")"
fi
mvnq() { mvn -B -q -Dstyle.color=never "${mvn_opts[@]}" "$@"; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

step "install the SPI and the test kit (and the parent POM they inherit from)"
mvnq -pl plugins/spi,plugins/testkit -am install -DskipTests

# ---------------------------------------------------------------- the scaffold, then Adamax
adamax="$work/adamax"
adamax_jar="$adamax/target/descent-adamax-optimizer-0.1.0.jar"

step "descent plugins new optimizer adamax"
./descent plugins new optimizer adamax --dir "$adamax"
version="$(./descent --version | head -1 | cut -d' ' -f2)"
grep -q "<descent.version>" "$adamax/pom.xml" || fail "no descent.version in the generated pom"
echo "descent --version says $version; the pom says $(grep -o '<descent.version>[^<]*' "$adamax/pom.xml" | cut -d'>' -f2)" >&2

step "the generated project builds and verifies as generated (placeholder rule: plain gradient descent)"
(cd "$adamax" && mvnq package)
[ -f "$adamax_jar" ] || fail "no $adamax_jar"
out="$(./descent plugins verify "$adamax_jar" --epochs 0)" || { echo "$out"; fail "verify of the generated project"; }
grep -q "15 of 15 checks passed" <<<"$out" || { echo "$out"; fail "expected 15 of 15 checks"; }

step "fill in the update rule: the committed Adamax rule, parameters, contract configuration and torch.optim.Adamax points"
src="$root/plugins/examples/adamax"
cp "$src/Adamax.java" "$src/AdamaxProvider.java" "$adamax/src/main/java/com/example/adamax/"
cp "$src/AdamaxContractTest.java" "$adamax/src/test/java/com/example/adamax/"
cp "$src/adamax.json" "$src/make_reference.py" "$adamax/src/test/resources/reference/"

step "mvn package: the contract test and the trace test against torch's points"
(cd "$adamax" && mvnq clean package)
report="$adamax/target/surefire-reports/TEST-com.example.adamax.AdamaxTraceTest.xml"
grep -q 'tests="6"' "$report" || fail "AdamaxTraceTest did not run the 6 torch cases ($report)"
grep -q 'failures="0"' "$report" && grep -q 'errors="0"' "$report" || fail "AdamaxTraceTest failed"

step "descent plugins verify"
out="$(./descent plugins verify "$adamax_jar")" || { echo "$out"; fail "verify adamax"; }
echo "$out" >&2
grep -q "optimizer 'adamax' 0.1.0" <<<"$out" || fail "verify does not name adamax 0.1.0"
grep -q "15 of 15 checks passed" <<<"$out" || fail "expected 15 of 15 checks"

step "a sweep adamax vs adam, with the jar's folder as plugin directory"
store="$work/adamax-store"
./descent --plugins "$adamax/target" run "$adamax/adamax-vs-adam.yaml" --store "$store" --workers 2
ids="$(./descent runs search 'optimizer:adamax' --json --store "$store" | grep -o '"id":"[0-9a-f]*"' | cut -d'"' -f4)"
n="$(grep -c . <<<"$ids" || true)"
[ "$n" -eq 3 ] || fail "expected 3 adamax runs, found $n"
sha="$(sha256sum "$adamax_jar" | cut -d' ' -f1)"
for id in $ids; do
  show="$(./descent runs show "$id" --store "$store")"
  grep -q '"status" *: *"finished"' <<<"$show" || fail "run $id did not finish"
  grep -q "\"sha256\" *: *\"$sha\"" <<<"$show" || fail "run $id does not record sha256 $sha"
done
echo "plugin-example: adamax OK ($n runs record sha256 $sha)" >&2

# ---------------------------------------------------------------- the Lion example
example="$root/plugins/examples/lion-optimizer"
jar="$example/target/descent-lion-optimizer-1.0.0.jar"

step "build the Lion example from its own folder (runs LionTest, the optimizer contract)"
(cd "$example" && mvnq package)
[ -f "$jar" ] || fail "no $jar"
sha="$(sha256sum "$jar" | cut -d' ' -f1)"
echo "built $jar sha256 $sha" >&2

step "descent plugins verify"
./descent plugins verify "$jar"

store="$work/descent-store"
mkdir -p "$store/plugins"
cp "$jar" "$store/plugins/"

step "the default plugin directory, STORE/plugins, is found without --plugins"
listing="$(./descent plugins list --store "$store")"
grep -q "^optimizer  lion .*1.0.0" <<<"$listing" || fail "lion not listed from $store/plugins"

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
  grep -q "\"jar\" *: *\"$store/plugins/descent-lion-optimizer-1.0.0.jar\"" <<<"$show" || fail "run $id does not record the jar path"
done
echo "plugin-example: OK (adamax from the scaffold; $n lion runs record version 1.0.0 and sha256 $sha)" >&2
