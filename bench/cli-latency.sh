#!/usr/bin/env bash
# Times the CLI against a bare JVM of the same JDK, as ratios (one command; see docs/benchmarks.md):
#   java -version; warm `clay ask "what time is it"` (runtime running); cold `clay ask` (no runtime, fresh home);
#   `clay runtime stop`. Usage: bench/cli-latency.sh [runs]   (run from the repository root, after ./clay has built)
set -euo pipefail
runs="${1:-5}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"; cd "$here"
./clay --version >/dev/null                        # builds if needed, and remembers the JDK
IFS='|' read -r _ jdk _ < "${XDG_CACHE_HOME:-$HOME/.cache}/clay/jdk"
home="$(mktemp -d -t clay-bench.XXXXXX)"; export CLAY_HOME="$home" CLAY_CONFIG="$home/none.toml"
trap './clay runtime stop >/dev/null 2>&1 || true; rm -rf "$home"' EXIT
ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
jv=$(for _ in $(seq "$runs"); do ms "$jdk/bin/java" -version; done | median)
cold=$(for _ in $(seq "$runs"); do rm -rf "$home/h"; CLAY_HOME="$home/h" ms ./clay ask "what time is it"; done | median)
./clay runtime start >/dev/null 2>&1
./clay ask "what time is it" >/dev/null                 # the first answer after start
warm=$(for _ in $(seq "$runs"); do ms ./clay ask "what time is it"; done | median)
stop=$(ms ./clay runtime stop)
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
printf 'java -version            %6d ms\n' "$jv"
printf 'warm clay ask            %6d ms  (%.1fx java -version; target <= 3x)\n' "$warm" "$(echo "$warm / $jv" | bc -l)"
printf 'cold clay ask            %6d ms  (target <= 3000 ms)\n' "$cold"
printf 'clay runtime stop        %6d ms  (target < 1000 ms)\n' "$stop"
