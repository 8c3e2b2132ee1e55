#!/usr/bin/env bash
# End-to-end `caseaudit audit` on a register and a platform export of N cases
# each (default 100000; the export in GB18030, 95% of the cases entered, 文号
# brackets restyled), timed with its peak memory, against a named baseline in
# the same script: Python's csv module merely reading the same two files.
# Each is run RUNS times (default 3) and the fastest run counts: a shared
# machine's noise only ever adds time.
#   [RUNS=3] bash bench/audit_bench.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-100000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$work" "$N" <<'PY'
import csv, random, sys
out, n = sys.argv[1], int(sys.argv[2])
random.seed(7)
units = [f"南阳市第{i}区市场监督管理局" for i in range(20)]
words = "鑫源华泰宏达博远瑞祥恒达隆泰白河南都金凤东方长城天元永安福寿康宁兴旺和平"
kinds = ["商贸有限公司", "五金经营部", "电器有限公司", "建材销售有限公司"]
with open(f"{out}/register.csv", "w", newline="", encoding="utf-8") as r, \
     open(f"{out}/export.csv", "w", newline="", encoding="gb18030") as e:
    rw, ew = csv.writer(r), csv.writer(e)
    rw.writerow("执法单位,文号,当事人,案由,案件类型,立案日期,决定日期,涉案金额(元),罚款金额(元)".split(","))
    ew.writerow("录入单位,案件编号,当事人,案由,案件类别,立案日期,处罚决定日期,涉案金额,罚款金额,录入日期".split(","))
    for i in range(n):
        u = random.randrange(len(units))
        number = f"宛{u}市监处罚〔2023〕{i + 1}号"
        party = "南阳市" + "".join(random.choice(words) for _ in range(4)) + random.choice(kinds)
        m, d, amount = random.randint(1, 12), random.randint(1, 28), random.randint(1000, 45000)
        row = [units[u], number, party, "销售侵犯注册商标专用权的商品", "行政处罚", f"2023-{m:02d}-{d:02d}", "", amount, amount * 2]
        rw.writerow(row)
        if random.random() < 0.95:
            ew.writerow([units[u], number.replace("〔", "[").replace("〕", "]"), party, row[3], "行政处罚", row[5], "",
                         amount, amount * 2, f"2023-{m:02d}-{min(d + 3, 28):02d}"])
PY
RUNS=${RUNS:-3}
measure() {  # prints "seconds peak_MB" of a command: the fastest of $RUNS runs, its peak (its stderr kept in $work/stderr)
  local best="" run
  for ((run = 0; run < RUNS; run++)); do
    /usr/bin/time -f "%e %M" -o "$work/time" "$@" > /dev/null 2> "$work/stderr.$run" || true
    read -r s kb <<< "$(tail -n 1 "$work/time")"  # (time notes a non-zero exit on the line above)
    if [[ -z $best ]] || awk -v a="$s" -v b="${best%% *}" 'BEGIN { exit !(a < b) }'; then
      best="$s $((kb / 1024))"
      mv "$work/stderr.$run" "$work/stderr"
    fi
  done
  printf "%s" "$best"
}
read -r base_s base_mb <<< "$(measure python3 -c "
import csv, sys
for f, enc in ((sys.argv[1], 'utf-8'), (sys.argv[2], 'gb18030')):
    with open(f, encoding=enc, newline='') as h:
        for _ in csv.reader(h): pass" "$work/register.csv" "$work/export.csv")"
read -r audit_s audit_mb <<< "$(measure ./build/caseaudit audit -q --register "$work/register.csv" --platform "$work/export.csv" \
  --as-of 2024-06-30 --timings -o "$work/out")"
findings=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['findings']))" "$work/out/audit.json")
printf "audit of %s register cases against %s export rows (fastest of %s runs each)\n" "$N" "$(($(wc -l < "$work/export.csv") - 1))" "$RUNS"
printf "  %-44s %8s s %8s MB\n" "baseline: python3 csv reading both files" "$base_s" "$base_mb"
printf "  %-44s %8s s %8s MB   (%s findings)\n" "caseaudit audit (import, link, reconcile, write)" "$audit_s" "$audit_mb" "$findings"
python3 -c "import sys; print(f'  ratio audit / baseline: {float(sys.argv[1]) / max(float(sys.argv[2]), 1e-9):.1f}x')" "$audit_s" "$base_s"
sed -n '/^各阶段用时/,$p' "$work/stderr"
