#!/usr/bin/env bash
# Benchmarks ecosys, side by side in one run:
#   1. every command on the embedded catalogue, against the process-start floor (/bin/true)
#      and against the equivalent jq query on catalogue.json;
#   2. who-handles, list and show on generated catalogues of 1k, 10k and 100k entities,
#      against `jq length` on the same file (JSON parsing alone);
#   3. peak memory (GNU time's %M) and the binary's size.
# Prints Markdown tables (also written to bench/results.md) with medians and ratios.
#
# Usage: bench/run.sh [--quick]     (--quick: fewer runs, 1k and 10k only)
#   ECOSYS_BIN=path  benchmarks another build (e.g. an older commit's, for before/after figures)
#   REPORT=file      writes the tables there instead of bench/results.md
# Needs: hyperfine, jq, GNU time (installed with apt-get when missing and run as root).
set -euo pipefail
cd "$(dirname "$0")/.."

quick=0
[[ "${1:-}" == "--quick" ]] && quick=1

need=()
command -v hyperfine >/dev/null || need+=(hyperfine)
command -v jq >/dev/null || need+=(jq)
[[ -x /usr/bin/time ]] || need+=(time)
if ((${#need[@]})); then
    if [[ $(id -u) == 0 ]]; then
        apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null
    else
        echo "bench: please install ${need[*]}" >&2
        exit 2
    fi
fi

cargo build --release --locked --quiet
cargo build --release --locked --quiet --example gen_catalogue
bin=${ECOSYS_BIN:-$PWD/target/release/ecosys}
gen=$PWD/target/release/examples/gen_catalogue
out=bench/out
mkdir -p "$out"
export NO_COLOR=1 COLUMNS=100
runs=(--warmup 5 --min-runs 30)
big_runs=(--warmup 1 --runs 5)
((quick)) && runs=(--warmup 2 --min-runs 10) && big_runs=(--warmup 0 --runs 3)

median() { jq -r ".results[$1].median" "$2"; }
ms() { awk -v s="$1" 'BEGIN { printf "%.2f", s * 1000 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
peak_kb() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -n 1; }

report=${REPORT:-bench/results.md}
{
    echo "Measured $(date -u +%Y-%m-%d) on $(nproc) cores; medians of hyperfine runs."
    echo
    echo "### Embedded catalogue"
    echo
    echo "| command | ecosys (ms) | ÷ floor | jq (ms) | jq ÷ ecosys | peak RSS (kB) |"
    echo "| --- | --- | --- | --- | --- | --- |"
} >"$report"

cat="catalogue.json"
# Each ecosys command and the jq query that gives the same data.
commands=(
    "list|list --json|[.entities[] | {id, name, kind, parent, summary}]"
    "show lab-ia|show lab-ia --json|.entities[] | select(.id == \"lab-ia\")"
    "resources data-gouv|resources data-gouv --json|[.entities[] | select(.id == \"data-gouv\") | .resources[] | {title, url, kind}]"
    "topics|topics --json|[.entities[] | .id as \$e | .topics[] | {topic: ., entity: \$e}]"
    "checklist|checklist|.entities[] | \"## \\(.name)\", ((.resources // [])[] | \"- [ ] [\\(.title)](\\(.url))\")"
    "who-handles données personnelles|who-handles données personnelles --json|[.entities[] | select(tostring | ascii_downcase | test(\"donn[ée]es personnelles\")) | .id]"
    "who-handles (table)|who-handles donnees personnelles|[.entities[] | select(tostring | test(\"personnelles\")) | .id]"
)
hyperfine -N "${runs[@]}" --export-json "$out/floor.json" /bin/true >/dev/null
floor=$(median 0 "$out/floor.json")
for entry in "${commands[@]}"; do
    IFS='|' read -r label args query <<<"$entry"
    # shellcheck disable=SC2086
    hyperfine -N "${runs[@]}" --export-json "$out/cmd.json" \
        "$bin $args" "jq -r '$query' $cat" >/dev/null 2>&1 ||
        hyperfine "${runs[@]}" --export-json "$out/cmd.json" "$bin $args" "jq -r '$query' $cat" >/dev/null
    e=$(median 0 "$out/cmd.json")
    j=$(median 1 "$out/cmd.json")
    # shellcheck disable=SC2086
    rss=$(peak_kb $bin $args)
    echo "| \`ecosys $args\` | $(ms "$e") | $(ratio "$e" "$floor") | $(ms "$j") | $(ratio "$j" "$e") | $rss |" >>"$report"
done
echo "| \`/bin/true\` (floor) | $(ms "$floor") | 1.00 | | | $(peak_kb /bin/true) |" >>"$report"

sizes=(1000 10000 100000)
((quick)) && sizes=(1000 10000)
{
    echo
    echo "### Generated catalogues"
    echo
    echo "| entities | file (MB) | jq length (ms) | who-handles (ms) | ÷ jq | who-handles, common words (ms) | list (ms) | show (ms) | peak RSS who-handles (MB) | ÷ file |"
    echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
} >>"$report"
declare -A who_time
for n in "${sizes[@]}"; do
    f="$out/catalogue-$n.json"
    [[ -s "$f" ]] || "$gen" "$n" >"$f"
    # A realistic question: a topic of one entity (deterministic, as the file is).
    topic=$(jq -r '.entities[42].topics[0]' "$f")
    hyperfine -N "${big_runs[@]}" -i --export-json "$out/big.json" \
        "jq length $f" \
        "$bin --catalogue $f who-handles --json $topic" \
        "$bin --catalogue $f who-handles --json données personnelles" \
        "$bin --catalogue $f list --json" \
        "$bin --catalogue $f show e42 --json" >/dev/null
    jq_t=$(median 0 "$out/big.json")
    who=$(median 1 "$out/big.json")
    common=$(median 2 "$out/big.json")
    list=$(median 3 "$out/big.json")
    show=$(median 4 "$out/big.json")
    who_time[$n]=$who
    bytes=$(stat -c %s "$f")
    rss=$(peak_kb "$bin" --catalogue "$f" who-handles --json données personnelles || true)
    echo "| $n | $(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }') | $(ms "$jq_t") | $(ms "$who") | $(ratio "$who" "$jq_t") | $(ms "$common") | $(ms "$list") | $(ms "$show") | $(awk -v k="$rss" 'BEGIN { printf "%.0f", k / 1024 }') | $(awk -v k="$rss" -v b="$bytes" 'BEGIN { printf "%.2f", k * 1024 / b }') |" >>"$report"
done
{
    echo
    if [[ -n "${who_time[100000]:-}" ]]; then
        echo "who-handles from 10k to 100k entities: $(ratio "${who_time[100000]}" "${who_time[10000]}")× the time for 10× the entities."
    fi
    echo "Binary size: $(stat -c %s "$bin") bytes (release: lto, codegen-units = 1, strip)."
} >>"$report"
cat "$report"
