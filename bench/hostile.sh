#!/usr/bin/env bash
# Growth cases of issue 10: nothing may grow quadratically, with problems or with data.
#   1. catalogues of n entities, each with a dangling `related` (n problems): `validate`
#      (lists them all) and `list` (fails on them);
#   2. a parent chain n deep, and a parent of n children: `list`, `resources ROOT`, `validate`;
#   3. the closest-id suggestion for a 120 kB id on a 100k-entity catalogue;
#   4. a table of one entity whose name is 10 MB without a space;
#   5. (issue 17) `checklist` on a team tree n deep, `checklist` and `topics` (a table) on
#      generated catalogues, `who-handles --stdin --json` on n questions: at n and 8n.
#   5. overlays (issue 17): one patching one entity with n topics, n contacts or n resources,
#      one patching a route with n `when` words and n steps (and adding their n entities), and
#      n overlays stacked (each adds an entity, patches one and adds a route step), at n and
#      8n, with the ratio of the two times (linear: about 8, at most about 10).
# Prints a Markdown section with hyperfine medians, and puts it at the end of bench/results.md.
#
# Usage: bench/hostile.sh     (after bench/run.sh, which rewrites bench/results.md)
# Needs: hyperfine, jq (as bench/run.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --release --locked --quiet
cargo build --release --locked --quiet --example gen_catalogue
bin=$PWD/target/release/ecosys
gen=$PWD/target/release/examples/gen_catalogue
out=bench/out
mkdir -p "$out"
export NO_COLOR=1 COLUMNS=100
runs=(--warmup 1 --runs 5 -i)

median() { jq -r ".results[$1].median" "$2"; }
ms() { awk -v s="$1" 'BEGIN { printf "%.1f", s * 1000 }'; }
entity='{id: "e\(.)", name: "E\(.)", kind: "team", summary: "S", source: "s"}'
head='{schema_version: 1, source: {title: "bench"}}'

report=$out/hostile-results.md
{
    echo "### Hostile growth cases (bench/hostile.sh)"
    echo
    echo "Measured $(date -u +%Y-%m-%d) on $(nproc) cores (shared); medians of 5 hyperfine runs (3 for the"
    echo "issue 17 cases), release binary; peak RSS from GNU time, one run."
    echo
    echo "Before (issue 10, same machine): dangling related 1,000 → 0.19 s, 8,000 → 12 s, 16,000 → 17 s,"
    echo "100,000 → over 10 min (projected); \`resources\` on a parent of 32,000 children 2.2 s; a 10 MB"
    echo "name in a table never finished. Time now grows with the file, not with problems × file. The"
    echo "120 kB-id case costs what loading the 109 MB file costs (compare the baseline row)."
    echo
    echo "Before issue 17 (bb6e555, one run each, same machine): \\`checklist\\` on a team tree 10,000 deep"
    echo "0.95 s, 80,000 deep 104.6 s (a linear look-up of each parent); \\`topics\\` as a table on 12,500"
    echo "generated entities 1.60 s and 184 MB, on 100,000 17.7 s and 1,440 MB (every cell held by"
    echo "comfy-table); \\`who-handles --stdin --json\\` on 12,500 questions 90 MB, on 100,000 677 MB (the"
    echo "answers kept until the end). Now each grows with n at most linearly, and memory with the"
    echo "catalogue only."
    echo
    echo "| case | n | file (MB) | command | time (ms) | peak RSS (MB) |"
    echo "| --- | --- | --- | --- | --- | --- |"
} >"$report"

peak() { # command... (its stdin from $input): peak RSS in MB
    /usr/bin/time -f %M -o "$out/rss" "$@" <"${input:-/dev/null}" >/dev/null 2>&1 || true
    tail -1 "$out/rss" | awk '{ printf "%.0f", $1 / 1024 }'
}

row() { # case n file label command...   (stdin from $input when set)
    local case=$1 n=$2 file=$3 label=$4
    shift 4
    if [[ -n "${input:-}" ]]; then
        hyperfine -S bash "${runs[@]}" --export-json "$out/h.json" "$* < $input" >/dev/null 2>&1
    else
        hyperfine -N "${runs[@]}" --export-json "$out/h.json" "$*" >/dev/null 2>&1
    fi
    local mb
    mb=$(awk -v b="$(stat -c %s "$file")" 'BEGIN { printf "%.1f", b / 1e6 }')
    echo "| $case | $n | $mb | \`$label\` | $(ms "$(median 0 "$out/h.json")") | $(peak "$@") |" >>"$report"
}

for n in 1000 8000 16000 100000; do
    f="$out/dangling-$n.json"
    [[ -s "$f" ]] || jq -nc --argjson n "$n" "$head + {entities: [range(\$n) | $entity + {related: [\"nobody-\(.)\"]}]}" >"$f"
    row "dangling related (n problems)" "$n" "$f" "validate --standalone FILE" "$bin" validate --standalone "$f"
    row "dangling related (n problems)" "$n" "$f" "--catalogue FILE list" "$bin" --catalogue "$f" list
done

n=32000
f="$out/chain-$n.json"
[[ -s "$f" ]] || jq -nc --argjson n "$n" "$head + {entities: [range(\$n) | $entity + (if . > 0 then {parent: \"e\(. - 1)\"} else {} end)]}" >"$f"
row "parent chain n deep" "$n" "$f" "--catalogue FILE list" "$bin" --catalogue "$f" list --json
row "parent chain n deep" "$n" "$f" "--catalogue FILE resources e0" "$bin" --catalogue "$f" resources e0 --json
row "parent chain n deep" "$n" "$f" "validate --standalone FILE" "$bin" validate --standalone "$f"

f="$out/children-$n.json"
[[ -s "$f" ]] || jq -nc --argjson n "$n" "$head + {entities: [range(\$n) | $entity + (if . > 0 then {parent: \"e0\"} else {} end)]}" >"$f"
row "one parent, n children" "$n" "$f" "--catalogue FILE list" "$bin" --catalogue "$f" list --json
row "one parent, n children" "$n" "$f" "--catalogue FILE resources e0" "$bin" --catalogue "$f" resources e0 --json

n=100000
f="$out/catalogue-$n.json"
[[ -s "$f" ]] || "$gen" "$n" >"$f"
long=$(head -c 120000 /dev/zero | tr '\0' e)
row "closest id to a 120 kB id" "$n" "$f" "--catalogue FILE show <120 kB id>" "$bin" --catalogue "$f" show "$long"
row "closest id to a 120 kB id" "$n" "$f" "--catalogue FILE show e42 (baseline)" "$bin" --catalogue "$f" show e42

f="$out/long-name.json"
[[ -s "$f" ]] || jq -nc "$head + {entities: [{id: \"a\", name: (\"x\" * 10000000), kind: \"team\", summary: \"S\", source: \"s\"}]}" >"$f"
row "a 10 MB unbroken name" 1 "$f" "--catalogue FILE list (table)" "$bin" --catalogue "$f" list
row "a 10 MB unbroken name" 1 "$f" "--catalogue FILE list --json" "$bin" --catalogue "$f" list --json

# Issue 17: linear everywhere, at n and 8n (3 runs each: the 8n cases take seconds).
runs=(--warmup 0 --runs 3 -i)
service='{id: "e\(.)", name: "E\(.)", kind: "team", summary: "S", source: "s", services: ["s\(.)"]}'
for n in 10000 80000; do
    f="$out/team-chain-$n.json"
    [[ -s "$f" ]] || jq -nc --argjson n "$n" "$head + {entities: [range(\$n) | $service + (if . > 0 then {parent: \"e\(. - 1)\"} else {} end)]}" >"$f"
    row "team tree n deep" "$n" "$f" "--catalogue FILE checklist" "$bin" --catalogue "$f" checklist
done
for n in 12500 100000; do
    f="$out/catalogue-$n.json"
    [[ -s "$f" ]] || "$gen" "$n" >"$f"
    row "generated catalogue" "$n" "$f" "--catalogue FILE checklist" "$bin" --catalogue "$f" checklist
    row "generated catalogue" "$n" "$f" "--catalogue FILE topics (table)" "$bin" --catalogue "$f" topics
    row "generated catalogue" "$n" "$f" "--catalogue FILE topics --json" "$bin" --catalogue "$f" topics --json
done
for n in 12500 100000; do
    input="$out/questions-$n.txt"
    [[ -s "$input" ]] || awk -v n="$n" 'BEGIN {
        split("données personnelles|SILL|météo de demain|accessibilité|qui gère la BAN ?|recette de cuisine|open data|problème juridique", q, "|")
        for (i = 0; i < n; i++) print q[i % 8 + 1] }' >"$input"
    row "n questions on stdin" "$n" "$input" "who-handles --stdin --json" "$bin" who-handles --stdin --json
    row "n questions on stdin" "$n" "$input" "who-handles --stdin --format csv" "$bin" who-handles --stdin --format csv
    unset input
done
# Overlays at n and 8n: the time of each, and their ratio.
grow() { # case n1 n2 file1 file2 env1 env2 (files: --overlay; envs: ECOSYS_OVERLAY lists)
    local case=$1 n1=$2 n2=$3 t=()
    shift 3
    for k in 0 1; do
        local file=${1:-} env=${3:-}
        if [[ -n $file ]]; then
            hyperfine -N "${runs[@]}" --export-json "$out/h.json" "$bin --overlay $file list --json" >/dev/null 2>&1
        else
            ECOSYS_OVERLAY=$env hyperfine -N "${runs[@]}" --export-json "$out/h.json" "$bin list --json" >/dev/null 2>&1
        fi
        t+=("$(median 0 "$out/h.json")")
        shift
    done
    echo "| $case | $n1 → $n2 | $(ms "${t[0]}") | $(ms "${t[1]}") | $(awk -v a="${t[0]}" -v b="${t[1]}" 'BEGIN { printf "%.1f", b / a }') |" >>"$growth"
}
growth=$out/growth.md
{
    echo
    echo "| overlay case | n → 8n | time at n (ms) | time at 8n (ms) | ratio |"
    echo "| --- | --- | --- | --- | --- |"
} >"$growth"
for n in 10000 80000; do
    [[ -s "$out/topics-$n.json" ]] || jq -nc --argjson n "$n" "$head + {entities: [{id: \"amdac\", topics: [range(\$n) | \"topic \(.)\"]}]}" >"$out/topics-$n.json"
    [[ -s "$out/contacts-$n.json" ]] || jq -nc --argjson n "$n" "$head + {entities: [{id: \"amdac\", contacts: [range(\$n) | {kind: \"email\", value: \"a\(.)@exemple.gouv.fr\"}]}]}" >"$out/contacts-$n.json"
    [[ -s "$out/route-$n.json" ]] || jq -nc --argjson n "$n" "$head + {entities: [range(\$n) | $entity], routes: [{id: \"question-juridique\", when: [range(\$n) | \"mot \(.)\"], steps: [range(\$n) | {entity: \"e\(.)\", role: \"r\"}]}]}" >"$out/route-$n.json"
done
for n in 5000 40000; do
    [[ -s "$out/resources-$n.json" ]] || jq -nc --argjson n "$n" "$head + {entities: [{id: \"amdac\", resources: [range(\$n) | {title: \"r\(.)\", url: \"https://exemple.gouv.fr/\(.)\", kind: \"page\"}]}]}" >"$out/resources-$n.json"
done
stacked() { # n: a directory of n overlays, and their ECOSYS_OVERLAY list
    local dir=$out/stack-$1
    if [[ ! -s "$dir/o$1.json" ]]; then
        mkdir -p "$dir"
        for i in $(seq 1 "$1"); do
            printf '{"schema_version":1,"source":{"title":"s"},"entities":[{"id":"e%d","name":"E","kind":"team","summary":"S","source":"s"},{"id":"amdac","topics":["t%d"]}],"routes":[{"id":"question-juridique","steps":[{"entity":"e%d","role":"r"}]}]}' "$i" "$i" "$i" >"$dir/o$i.json"
        done
    fi
    find "$dir" -name '*.json' | sort | paste -sd:
}
grow "one entity, n topics" 10000 80000 "$out/topics-10000.json" "$out/topics-80000.json"
grow "one entity, n contacts" 10000 80000 "$out/contacts-10000.json" "$out/contacts-80000.json"
grow "one entity, n resources" 5000 40000 "$out/resources-5000.json" "$out/resources-40000.json"
grow "a route, n when words and n steps" 10000 80000 "$out/route-10000.json" "$out/route-80000.json"
grow "n overlays stacked" 500 4000 "" "" "$(stacked 500)" "$(stacked 4000)"
cat "$growth" >>"$report"

# Into bench/results.md, replacing an earlier run's section.
results=bench/results.md
if [[ -f "$results" ]]; then
    sed -i '/^### Hostile growth cases/,$d' "$results"
    sed -i -e :a -e '/^\n*$/{$d;N;ba' -e '}' "$results"
    { echo; cat "$report"; } >>"$results"
fi
cat "$report"
