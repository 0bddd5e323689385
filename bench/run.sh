#!/usr/bin/env bash
# Benchmarks ecosys as installed (the fast build of the README, copied before timing), side by
# side in one run:
#   1. every command on the embedded catalogue, each in the same hyperfine run as the
#      process-start floor (/bin/true), an empty Rust program and the equivalent jq query on
#      catalogue.json (paired medians);
#   2. who-handles, list (table, JSON, CSV) and show on generated catalogues of 1k, 10k and
#      100k entities, against `jq length` on the same file (JSON parsing alone);
#      the growth from 10k to 100k also from interleaved rounds (examples/growth.rs);
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

# The binary as users get it fastest (README, "The fast build"): on Linux with glibc, linked
# statically as a position-independent executable (no dynamic loader, no symbol look-ups;
# address-space randomisation kept); elsewhere, the plain release build. ECOSYS_BIN overrides.
host=$(rustc -vV | sed -n 's/^host: //p')
if [[ -z "${ECOSYS_BIN:-}" && "$host" == *-linux-gnu ]]; then
    RUSTFLAGS="${RUSTFLAGS:-} -C target-feature=+crt-static" \
        cargo build --release --locked --quiet --target "$host"
    built=$PWD/target/$host/release/ecosys
else
    cargo build --release --locked --quiet
    built=$PWD/target/release/ecosys
fi
cargo build --release --locked --quiet --example gen_catalogue --example growth
gen=$PWD/target/release/examples/gen_catalogue
growth=$PWD/target/release/examples/growth
out=bench/out
mkdir -p "$out"
# Timed as installed: a copy (the file the linker just wrote starts slower, its pages cached
# differently), as `cargo install` would make one.
cp "${ECOSYS_BIN:-$built}" "$out/ecosys"
bin=$PWD/$out/ecosys
# The floor beside /bin/true: an empty Rust program, built as the binary is.
echo 'fn main() {}' >"$out/empty.rs"
if [[ "$built" == */"$host"/* ]]; then
    rustc -O -C target-feature=+crt-static --target "$host" -o "$out/empty" "$out/empty.rs"
else
    rustc -O -o "$out/empty" "$out/empty.rs"
fi
empty=$PWD/$out/empty
export NO_COLOR=1 COLUMNS=100
runs=(--warmup 20 --runs 200)
big_runs=(--warmup 1 --runs 5)
small_runs=(--warmup 2 --runs 20)
((quick)) && runs=(--warmup 5 --runs 50) && big_runs=(--warmup 0 --runs 3) && small_runs=(--warmup 1 --runs 5)

median() { jq -r ".results[$1].median" "$2"; }
ms() { awk -v s="$1" 'BEGIN { printf "%.2f", s * 1000 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
peak_kb() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -n 1; }
mb() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }
per_file() { awk -v k="$1" -v b="$2" 'BEGIN { printf "%.2f", k * 1024 / b }'; }

report=${REPORT:-bench/results.md}
{
    echo "Measured $(date -u +%Y-%m-%d) on $(nproc) cores; medians of hyperfine runs, each command"
    echo "timed in the same run as \`/bin/true\` and an empty Rust program (paired ratios)."
    echo "Binary: $(file -b "$bin" | grep -o 'static-pie linked\|statically linked\|dynamically linked' || echo "$bin"), $(stat -c %s "$bin") bytes."
    echo
    echo "### Embedded catalogue"
    echo
    echo "| command | ecosys (ms) | ÷ /bin/true | ÷ empty Rust | jq (ms) | jq ÷ ecosys | peak RSS (kB) |"
    echo "| --- | --- | --- | --- | --- | --- | --- |"
} >"$report"

cat="catalogue.json"
sentence="Salut, qui peut m'aider à ouvrir les données de mon ministère ?"
# Each ecosys command and the jq query that gives the same data.
commands=(
    "list|list|[.entities[] | {id, name, kind, parent, summary}]"
    "list|list --json|[.entities[] | {id, name, kind, parent, summary}]"
    "show cnil|show cnil|.entities[] | select(.id == \"cnil\")"
    "show lab-ia|show lab-ia --json|.entities[] | select(.id == \"lab-ia\")"
    "resources data-gouv|resources data-gouv --json|[.entities[] | select(.id == \"data-gouv\") | .resources[] | {title, url, kind}]"
    "topics|topics --json|[.entities[] | .id as \$e | .topics[] | {topic: ., entity: \$e}]"
    "checklist|checklist|.entities[] | \"## \\(.name)\", ((.resources // [])[] | \"- [ ] [\\(.title)](\\(.url))\")"
    "who-handles données personnelles|who-handles données personnelles --json|[.entities[] | select(tostring | ascii_downcase | test(\"donn[ée]es personnelles\")) | .id]"
    "who-handles (table)|who-handles données personnelles|[.entities[] | select(tostring | test(\"personnelles\")) | .id]"
    "who-handles (sentence)|who-handles \"$sentence\"|[.entities[] | select(tostring | ascii_downcase | test(\"ouvrir|ouverture\")) | .id]"
)
for entry in "${commands[@]}"; do
    IFS='|' read -r label args query <<<"$entry"
    # shellcheck disable=SC2086
    hyperfine -N "${runs[@]}" --export-json "$out/cmd.json" \
        /bin/true "$empty" "$bin $args" "jq -r '$query' $cat" >/dev/null
    t=$(median 0 "$out/cmd.json")
    r=$(median 1 "$out/cmd.json")
    e=$(median 2 "$out/cmd.json")
    j=$(median 3 "$out/cmd.json")
    rss=$(eval "peak_kb $bin $args")
    echo "| \`ecosys $args\` | $(ms "$e") | $(ratio "$e" "$t") | $(ratio "$e" "$r") | $(ms "$j") | $(ratio "$j" "$e") | $rss |" >>"$report"
done
echo "| empty Rust program | $(ms "$r") | $(ratio "$r" "$t") | 1.00 | | | $(peak_kb "$empty") |" >>"$report"
echo "| \`/bin/true\` (floor) | $(ms "$t") | 1.00 | | | | $(peak_kb /bin/true) |" >>"$report"

sizes=(1000 10000 100000)
((quick)) && sizes=(1000 10000)
{
    echo
    echo "### Generated catalogues"
    echo
    echo "Times (ms), and peak RSS as a multiple of the file's size."
    echo
    echo "| entities | file (MB) | jq length | who-handles | ÷ jq | who-handles, common words | list | list --json | list --format csv | show | RSS who-handles | RSS list | RSS list --json | RSS list csv | RSS show |"
    echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
} >>"$report"
declare -A who_time list_time show_time topic_of
for n in "${sizes[@]}"; do
    f="$out/catalogue-$n.json"
    [[ -s "$f" ]] || "$gen" "$n" >"$f"
    # A realistic question: a topic of one entity (deterministic, as the file is).
    topic=$(jq -r '.entities[42].topics[0]' "$f")
    topic_of[$n]=$topic
    # Small catalogues run fast and vary most from run to run: more runs, for the growth ratio.
    size_runs=("${big_runs[@]}")
    ((n < 100000)) && size_runs=("${small_runs[@]}")
    hyperfine -N "${size_runs[@]}" -i --export-json "$out/big.json" \
        "jq length $f" \
        "$bin --catalogue $f who-handles --json $topic" \
        "$bin --catalogue $f who-handles --json données personnelles" \
        "$bin --catalogue $f list" \
        "$bin --catalogue $f list --json" \
        "$bin --catalogue $f list --format csv" \
        "$bin --catalogue $f show e42 --json" >/dev/null
    times=()
    for i in 0 1 2 3 4 5 6; do times+=("$(median "$i" "$out/big.json")"); done
    who_time[$n]=${times[1]}
    list_time[$n]=${times[4]}
    show_time[$n]=${times[6]}
    bytes=$(stat -c %s "$f")
    rss_who=$(peak_kb "$bin" --catalogue "$f" who-handles --json données personnelles || true)
    rss_list=$(peak_kb "$bin" --catalogue "$f" list || true)
    rss_json=$(peak_kb "$bin" --catalogue "$f" list --json || true)
    rss_csv=$(peak_kb "$bin" --catalogue "$f" list --format csv || true)
    rss_show=$(peak_kb "$bin" --catalogue "$f" show e42 --json || true)
    row="| $n | $(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }') | $(ms "${times[0]}") | $(ms "${times[1]}") | $(ratio "${times[1]}" "${times[0]}")"
    for i in 2 3 4 5 6; do row+=" | $(ms "${times[$i]}")"; done
    for k in "$rss_who" "$rss_list" "$rss_json" "$rss_csv" "$rss_show"; do
        row+=" | $(mb "$k") MB, $(per_file "$k" "$bytes")×"
    done
    echo "$row |" >>"$report"
done
{
    echo
    if [[ -n "${who_time[100000]:-}" ]]; then
        # The growth ratio from interleaved rounds (3 runs at 10k, then 1 at 100k, 10 times),
        # so that both sizes see the same machine state; the table's batches, run one after
        # the other, let a drift between them move the ratio by several per cent.
        small=$out/catalogue-10000.json large=$out/catalogue-100000.json
        # shellcheck disable=SC2086
        g_who=$("$growth" 10 3 "$bin" --catalogue "$small" who-handles --json ${topic_of[10000]} \
            -- "$bin" --catalogue "$large" who-handles --json ${topic_of[100000]})
        g_list=$("$growth" 10 3 "$bin" --catalogue "$small" list --json -- "$bin" --catalogue "$large" list --json)
        g_show=$("$growth" 10 3 "$bin" --catalogue "$small" show e42 --json -- "$bin" --catalogue "$large" show e42 --json)
        echo "From 10k to 100k entities (10× the entities), in interleaved rounds (3 runs at 10k, then 1 at 100k, 10 rounds; medians): who-handles ${g_who##* }×, list --json ${g_list##* }×, show ${g_show##* }× the time. From the table's separate batches: who-handles $(ratio "${who_time[100000]}" "${who_time[10000]}")×, list --json $(ratio "${list_time[100000]}" "${list_time[10000]}")×, show $(ratio "${show_time[100000]}" "${show_time[10000]}")×."
    fi
    echo "Binary size: $(stat -c %s "$bin") bytes (release: lto, codegen-units = 1, strip)."
} >>"$report"
cat "$report"
