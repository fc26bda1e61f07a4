#!/usr/bin/env bash
# The experiments of method.md §7–8 on the three Lesjak et al. 2017 scans with the embedded default model: explain
# (SmoothGrad and Grad-CAM++) on each scan, analyze over the three runs, then context, synth and sanity. Re-run after
# changing models/default to regenerate every table and figure. Outputs go under OUT (default ./out/real-cases,
# not committed). Set STEPS to run a subset, e.g. STEPS="context sanity".
#
#   tools/experiments/real-cases.sh [OUT]
#
# SmoothGrad samples: 50 (the paper's N) for patient07, 20 for patient26 and 10 for patient19 (102 ground-truth
# lesions), as in the reported run: the machine had 2 cores shared with other jobs. Set SAMPLES=50 to use N = 50
# everywhere (hours on 2 cores). analyze pools runs made with different N, hence --allow-mixed. The experiment
# settings (context up to 16 mm, sanity on the first 4 lesions with N = 3, synth with 2 placements and N = 3) are the
# reduced ones of that run too; the commands' defaults are larger.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
ies="$root/ies"
data="${DATA:-$root/../shared/data/lesjak2017}"
out="${1:-$root/out/real-cases}"
steps="${STEPS:-explain analyze context synth sanity}"
seed=0
mkdir -p "$out"
scan() { echo --flair "$data/$1/flair.nii.gz" --t1 "$data/$1/t1.nii.gz" --truth "$data/$1/mask.nii.gz"; }
has() { [[ " $steps " == *" $1 "* ]]; }
samples() { if [ -n "${SAMPLES:-}" ]; then echo "$SAMPLES"; else case $1 in patient07) echo 50 ;; patient26) echo 20 ;; *) echo 10 ;; esac; fi; }

if has explain; then
  for p in patient07 patient26 patient19; do
    "$ies" explain $(scan $p) --methods smoothgrad,gradcampp --samples "$(samples $p)" --seed $seed --out "$out/runs/$p"
  done
fi
if has analyze; then
  "$ies" analyze "$out/runs/patient07" --seed $seed --no-error-identification --out "$out/analysis-07"
  "$ies" analyze "$out/runs/patient07" "$out/runs/patient26" --seed $seed --allow-mixed --out "$out/analysis-07-26"
  "$ies" analyze "$out/runs/patient07" "$out/runs/patient19" "$out/runs/patient26" --seed $seed --allow-mixed --out "$out/analysis"
fi
if has context; then
  "$ies" context $(scan patient07) --max-radius 16 --step 1 --seed $seed --out "$out/context/patient07"
fi
if has sanity; then
  "$ies" sanity $(scan patient07) --methods smoothgrad,gradcampp --samples 3 --max-lesions 4 --seed $seed --out "$out/sanity/patient07"
fi
if has synth; then
  "$ies" synth $(scan patient26) --radii 2,4 --flair-contrasts 0,1,2,4 --t1-contrasts 0,2 --repeats 2 --samples 3 --seed $seed --out "$out/synth/patient26"
fi
