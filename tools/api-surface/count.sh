#!/usr/bin/env bash
# Counts the public API surface per package from compiled classes (javap -public): public types (top-level and
# nested, inside public types) and their public methods (constructors excluded, each overload counted). Packages
# named *.internal are left out unless ALL=1. Run after compiling, from the repository root:
#   mvn -o -q -pl glue-client,livy-client,local-client -am compile && tools/api-surface/count.sh [module...]
set -euo pipefail
modules=("$@")
[ ${#modules[@]} -eq 0 ] && modules=(core livy-client glue-client local-client)
printf '%-28s %6s %8s\n' package types methods
for m in "${modules[@]}"; do
  dir="$m/target/classes"
  [ -d "$dir" ] || { echo "no $dir: compile first" >&2; exit 1; }
  find "$dir" -name '*.class' ! -name 'package-info.class' | sort | while read -r f; do
    javap -public "$f" 2>/dev/null
  done
done | awk -v all="${ALL:-0}" '
  /^(public |protected )?.*(class|interface|enum|record) [A-Za-z0-9_.$]+/ && /\{$/ {
    # a type header: "public final class dev.glivy.Foo$Bar extends ..."
    pub = ($1 == "public"); name = ""
    for (i = 1; i <= NF; i++) if ($i ~ /^(class|interface|enum|record)$/) { name = $(i + 1); break }
    sub(/<.*/, "", name)
    pkg = name; sub(/\.[^.]*$/, "", pkg)
    simple = name; sub(/.*\./, "", simple)
    counted = pub && (all == 1 || pkg !~ /\.internal(\.|$)/)
    if (counted) { types[pkg]++; cur = pkg; ctor = simple; sub(/.*\$/, "", ctor) } else cur = ""
    next
  }
  cur != "" && /\(/ && /;$/ {
    line = $0
    sub(/\(.*/, "", line); n = split(line, w, " "); meth = w[n]
    if (meth == cur "." ctor || meth ~ /\$/ || index(meth, ".") > 0) next   # constructors (named by FQN)
    methods[cur]++
  }
  END { for (p in types) printf "%-28s %6d %8d\n", p, types[p], methods[p] | "sort"; }
'
