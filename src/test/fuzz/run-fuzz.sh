#!/usr/bin/env bash
# Coverage-guided fuzzing of the file readers (io.snn4j.fuzz.ReaderFuzzTest), one target after another, each in its
# own JVM (Jazzer fuzzes one @FuzzTest per JVM) with a 256 MB heap and a 10 s limit per input.
#
#   src/test/fuzz/run-fuzz.sh [SECONDS_PER_TARGET] [TARGET...]     (default 120 s, all targets)
#
# Run from the project root. Prints per target: seconds fuzzed, inputs executed, coverage (libFuzzer's cov = edges
# and ft = features), crashes. A crash stops that target: Jazzer writes the input into
# src/test/resources/io/snn4j/fuzz/ReaderFuzzTestInputs/<target>/ (crash-*), where `mvn test` replays it; fix the
# reader and keep the file. The growing corpus is kept in .cifuzz-corpus/ (not committed) so later runs go on from it.
# Logs: target/fuzz/<target>.log.
set -uo pipefail
seconds=${1:-120}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(nmnist aedat31 aedat4 evt dvNetwork csv idx wav sphere modelText modelBinary checkpoint)
fi
offline=${FUZZ_MVN_OFFLINE:--o}
mkdir -p target/fuzz
mvn -B -q $offline test-compile || exit 1
printf '%-12s %8s %12s %8s %8s %8s\n' target seconds inputs edges ft crashes
status=0
for t in "${targets[@]}"; do
  log=target/fuzz/$t.log
  JAZZER_FUZZ=1 mvn -B $offline surefire:test -Dtest="ReaderFuzzTest#$t" -Dsurefire.failIfNoSpecifiedTests=false \
    -Dfuzz.argLine=-Xmx256m -Djazzer.internal.arg.0=fuzz -Djazzer.internal.arg.1=-max_total_time="$seconds" \
    -Djazzer.internal.arg.2=-timeout=10 >"$log" 2>&1
  rc=$?
  stats=$(grep -E '^#[0-9]+[[:space:]]' "$log" | tail -1)
  inputs=$(sed -nE 's/^Done ([0-9]+) runs in ([0-9]+) second.*/\1/p' "$log" | tail -1)
  secs=$(sed -nE 's/^Done ([0-9]+) runs in ([0-9]+) second.*/\2/p' "$log" | tail -1)
  if [ -z "$inputs" ]; then # stopped by a finding: the last status line counts the inputs
    inputs=$(sed -nE 's/^#([0-9]+).*/\1/p' <<<"$stats")
    secs=?
  fi
  edges=$(sed -nE 's/.* cov: ([0-9]+).*/\1/p' <<<"$stats")
  ft=$(sed -nE 's/.* ft: ([0-9]+).*/\1/p' <<<"$stats")
  crashes=$(grep -c 'Test unit written to' "$log")
  if [ "$rc" -ne 0 ] && [ "$crashes" -eq 0 ]; then
    crashes="rc=$rc" # failed without libFuzzer's report (build or timeout): see the log
  fi
  [ "$rc" -ne 0 ] && status=1
  printf '%-12s %8s %12s %8s %8s %8s\n' "$t" "${secs:-?}" "${inputs:-?}" "${edges:-?}" "${ft:-?}" "$crashes"
done
exit $status
