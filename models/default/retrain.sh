#!/usr/bin/env bash
# Retrains the shipped model models/default/unet.iesm exactly (same seed, same thread count: the same weights on the
# same kind of machine): the two-site U-Net, its post-processing chosen on the validation scans, the leave-one-site-out
# pair of MODEL_CARD.md (which also provides the false-positive filter's training lesions), the filter, and the
# evaluations of the model card (per site beside the FLAIR-threshold baseline; the site shifts).
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

# The false-positive filter: fitted on the leave-one-site-out models' lesions on the training scans, its threshold
# chosen on the two-site model's own lesions on the validation scans.
"$ies" train fp-filter --manifest "$here/fp-filter.tsv" --model "$root/out/train-v2/tuned.iesm" --out "$root/out/train-v2/final.iesm" --seed 0 \
  | tee "$root/out/train-v2/fp-filter.txt"
cp "$root/out/train-v2/final.iesm" "$here/unet.iesm"

# The model card's tables: validation scans with the shipped post-processing, and the site shifts (plain τ 0.3).
"$ies" train evaluate --model "$here/unet.iesm" --manifest "$here/training.tsv" | tee "$root/out/train-v2/evaluation.tsv"
"$ies" train evaluate --model "$root/out/train-v2/best.iesm" --manifest "$here/training.tsv" --shift all | tee "$root/out/train-v2/shifts.tsv"
