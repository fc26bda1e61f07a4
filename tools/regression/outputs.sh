#!/usr/bin/env bash
# Runs explain, analyze, report, cohort (plan, run, gather) and the three experiments on patient 26 of Lesjak et al.
# (the embedded sample) with reduced, fixed settings, then prints one SHA-256 per output file. A refactor that must
# not change behaviour is checked by running this before and after it and diffing the two listings.
# Timings (run.json's timings_seconds, complete.json's input modification times) are removed before hashing, as
# they differ between any two runs. Usage: tools/regression/outputs.sh OUT_DIR > hashes.txt (OUT_DIR is replaced).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="$1"
data="$root/data/sample/lesjak2017-patient26"
ies="${IES:-$root/ies}"
rm -rf "$out" "$out.log"; mkdir -p "$out"
flair="$data/flair.nii.gz"; t1="$data/t1.nii.gz"; truth="$data/mask.nii.gz"

"$ies" explain --flair "$flair" --t1 "$t1" --truth "$truth" --out "$out/explain" \
  --methods smoothgrad,gradcampp --samples 3 --seed 7 2>>"$out.log"
"$ies" explain --flair "$flair" --t1 "$t1" --truth "$truth" --out "$out/explain-max" \
  --methods smoothgrad-max,smoothgrad --samples 2 --samples-max 1 --lesions 6,9 --seed 3 2>>"$out.log"
"$ies" analyze "$out/explain" --out "$out/analysis" --seed 1 --bootstrap 50 --no-error-identification 2>>"$out.log"
"$ies" report "$out/explain" --analysis "$out/analysis" --out "$out/report" 2>>"$out.log"
printf 'subject\tflair\tt1\ttruth\np26\t%s\t%s\t%s\n' "$flair" "$t1" "$truth" > "$out/manifest.tsv"
"$ies" cohort plan --manifest "$out/manifest.tsv" --out "$out/cohort" --methods gradcampp,smoothgrad --samples 2 2>>"$out.log"
"$ies" cohort run "$out/cohort" --shard 0/1 2>>"$out.log"
"$ies" cohort gather "$out/cohort" 2>>"$out.log" || true
"$ies" context --flair "$flair" --t1 "$t1" --truth "$truth" --out "$out/context" --max-radius 4 --step 2 --max-lesions 3 2>>"$out.log"
"$ies" synth --flair "$flair" --t1 "$t1" --truth "$truth" --out "$out/synth" --radii 2 --flair-contrasts 0,4 --t1-contrasts 0 --repeats 1 --samples 1 2>>"$out.log"
"$ies" sanity --flair "$flair" --t1 "$t1" --truth "$truth" --out "$out/sanity" --samples 1 --max-layers 2 --max-lesions 2 2>>"$out.log"

cd "$out"
find . -type f | LC_ALL=C sort | while read -r f; do
  case "$f" in
    */run.json|*/complete.json|*/summary.json|*/cohort-plan.json)
      python3 - "$f" <<'PY' 2>/dev/null || sha256sum "$f" | cut -c1-64 | sed "s|\$|  $f|"
import json, sys, hashlib
def scrub(o):
    if isinstance(o, dict):
        return {k: scrub(v) for k, v in o.items() if k not in ("timings_seconds", "modified", "mtime", "modified_utc", "elapsed_seconds", "created", "version")}
    if isinstance(o, list): return [scrub(v) for v in o]
    return o
d = scrub(json.load(open(sys.argv[1])))
print(hashlib.sha256(json.dumps(d, sort_keys=True).encode()).hexdigest() + "  " + sys.argv[1] + " (scrubbed)")
PY
      ;;
    *) sha256sum "$f" ;;
  esac
done
