#!/usr/bin/env bash
# The published artifacts as a user gets them: installs the reactor into a temporary local repository, then
# builds .ci/consumer outside the reactor against it (BOM import, ddc-api and ddc-core without versions) and runs
# its one-iteration experiment once on the module path and once on the class path.
#
# ~/.m2 is only read: both builds use the temporary repository, which fills from a file:// repository pointing
# at ~/.m2/repository (releases only, so no io.ddc snapshot installed there earlier can stand in) and from
# Maven Central for anything ~/.m2 lacks. So it works on a fresh machine after `mvn -B verify`, and offline
# when that build left everything needed in ~/.m2.
set -euo pipefail
cd "$(dirname "$0")/.."

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
seed="${HOME}/.m2/repository"
version="$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' pom.xml | head -n 1)"
[ -n "$version" ] || { echo "consumer check: no project version in pom.xml" >&2; exit 1; }

repo_xml="<id>seed</id><url>file://${seed}</url>
  <releases><checksumPolicy>ignore</checksumPolicy></releases><snapshots><enabled>false</enabled></snapshots>"
cat > "$tmp/settings.xml" <<XML
<settings>
  <profiles><profile><id>seed</id>
    <repositories><repository>${repo_xml}</repository></repositories>
    <pluginRepositories><pluginRepository>${repo_xml}</pluginRepository></pluginRepositories>
  </profile></profiles>
  <activeProfiles><activeProfile>seed</activeProfile></activeProfiles>
</settings>
XML
mvn_tmp=(mvn -B -q -s "$tmp/settings.xml" -Dmaven.repo.local="$tmp/repo")

# what `mvn -B verify` built and tested, installed as it is: without incremental compilation the compiler plugin
# recompiles only stale sources, not every module because its dependencies now come from another repository
"${mvn_tmp[@]}" install -DskipTests -Dmaven.compiler.useIncrementalCompilation=false
[ -f "$tmp/repo/io/ddc/ddc-bom/$version/ddc-bom-$version.pom" ] \
  || { echo "consumer check: ddc-bom $version was not installed into $tmp/repo" >&2; exit 1; }

cp -r .ci/consumer "$tmp/consumer"
"${mvn_tmp[@]}" -f "$tmp/consumer/pom.xml" -Dddc.version="$version" compile
classes="$tmp/consumer/target/classes"
lib="$tmp/consumer/target/lib"
java -p "$classes:$lib" -m io.ddc.consumer/io.ddc.consumer.ConsumerCheck "$tmp/module-run" module
java -cp "$classes:$lib/*" io.ddc.consumer.ConsumerCheck "$tmp/classpath-run" classpath
