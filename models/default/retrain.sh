#!/usr/bin/env bash
# Retrains the shipped model models/default/unet.iesm exactly (same seed, same thread count: the same weights on the
# same kind of machine), chooses its post-processing on the validation scans, evaluates it per site beside the
# FLAIR-threshold baseline under the site shifts, and trains and evaluates the leave-one-site-out pair of MODEL_CARD.md.
# Data: ../shared/data/lesjak2017 and ../shared/data/ms3seg beside the repository (the manifests' relative paths).
# Interrupted? Run the script again: every `ies train` resumes from its out/train-*/checkpoint.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
here="$root/models/default"
ies="$root/ies"
opts=(--blur-probability 0.5 --blur-max-mm 1.5 --affine-probability 0.3 --thick-slice-probability 0.3 --bias-max 0.4
  --checkpoint-every 100 --seed 0 --threads 2)

# The two-site model: Lesjak patient07 + patient19 and six MS3SEG scans; validation patient26 + four MS3SEG scans.
"$ies" train --manifest "$here/training.tsv" --out "$root/out/train-v2" --steps 6000 --validate-every 500 "${opts[@]}"
"$ies" train postprocess --model "$root/out/train-v2/best.iesm" --manifest "$here/training.tsv" --out "$root/out/train-v2/tuned.iesm"
cp "$root/out/train-v2/tuned.iesm" "$here/unet.iesm"
"$ies" train evaluate --model "$here/unet.iesm" --manifest "$here/training.tsv" --shift all | tee "$root/out/train-v2/evaluation.tsv"

# Leave one site out: trained on one site (post-processing chosen on that site's validation scans), evaluated on
# every scan of the other site.
for site in lesjak2017 ms3seg; do
  other=$([ "$site" = lesjak2017 ] && echo ms3seg || echo lesjak2017)
  "$ies" train --manifest "$here/loso-$site.tsv" --out "$root/out/train-loso-$site" --steps 1500 --validate-every 500 "${opts[@]}"
  "$ies" train postprocess --model "$root/out/train-loso-$site/best.iesm" --manifest "$here/loso-$site.tsv" \
    --out "$root/out/train-loso-$site/tuned.iesm"
  "$ies" train evaluate --model "$root/out/train-loso-$site/tuned.iesm" --manifest "$here/loso-$other.tsv" --split all \
    | tee "$root/out/train-loso-$site/evaluation-on-$other.tsv"
done
