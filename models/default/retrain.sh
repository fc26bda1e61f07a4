#!/usr/bin/env bash
# Retrains the shipped model models/default/unet.iesm exactly (same seed, same thread count: same numbers on the
# same kind of machine) and evaluates it on patient26 under the site shifts of MODEL_CARD.md.
# Data: Lesjak et al. 2018 (see MODEL_CARD.md); LESJAK2017 defaults to ../shared/data/lesjak2017 next to the repository.
# Interrupted? Run the script again: `ies train` resumes from out/train-default/checkpoint.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
data="${LESJAK2017:-$root/../shared/data/lesjak2017}"
"$root/ies" train --cases "$data" --validation-case patient26 --out "$root/out/train-default" \
  --steps 1000 --validate-every 250 --checkpoint-every 100 --blur-probability 0.5 --blur-max-mm 1.5 --affine-probability 0.3 \
  --seed 0 --threads 2
cp "$root/out/train-default/best.iesm" "$root/models/default/unet.iesm"
"$root/ies" train evaluate --model "$root/models/default/unet.iesm" --shift all --threshold 0.3 \
  --flair "$data/patient26/flair.nii.gz" --t1 "$data/patient26/t1.nii.gz" --truth "$data/patient26/mask.nii.gz"
