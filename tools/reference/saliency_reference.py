#!/usr/bin/python3
"""Expected instance saliency maps from an independent autograd implementation (PyTorch, float64).

Run from the repository root with Debian's python3-torch (1.13) and numpy, after models_reference.py:
    /usr/bin/python3 tools/reference/saliency_reference.py
Uses the small U-Net of tests/fixtures/models/unet_small.pt (channels 4..64) and the synthetic case of
models_reference.py (shape 30x28x26, padded to 32^3). For one lesion Omega (padded-grid voxels, stored order) it
writes, as float32 little-endian C-order arrays on the padded grid:
  smoothgrad.bin      [2, D, H, W]  (1/|Omega|) d s_Omega / dx                 (method.md 5, N = 1, no noise)
  smoothgrad_max.bin  [2, D, H, W]  per voxel, the d z1[v'] / dx of largest |.| over v' in Omega, first on ties
  gradcampp_local.bin [D, H, W]     instance Grad-CAM++ (paper eq. 10), upsampled trilinear, align_corners=False
  gradcampp_global.bin [D, H, W]    classic Grad-CAM++ weights (MONAI GradCAMpp), same upsampling
and tests/fixtures/saliency/expected.json with Omega, the shapes and the files. The project never runs this.
"""
import json
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import models_reference as mr  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "tests", "fixtures", "saliency")
CAM_LAYER = "model.1.submodule.2.conv"


def write(name, array):
    np.ascontiguousarray(array, dtype="<f4").tofile(os.path.join(OUT, name))
    return {"file": name, "shape": list(array.shape)}


def gradcampp(a, g, local):
    g2 = g ** 2
    denominator = 2 * g2 + (a * g2 * g).sum(dim=(2, 3, 4), keepdim=True)
    alpha = torch.where(denominator != 0, g2 / torch.where(denominator != 0, denominator, torch.ones_like(denominator)),
                        torch.zeros_like(g2))
    weights = alpha * torch.relu(g)
    if not local:
        weights = weights.sum(dim=(2, 3, 4), keepdim=True)
    return torch.relu((weights * a).sum(dim=1))


def main():
    os.makedirs(OUT, exist_ok=True)
    torch.set_num_threads(2)
    small = {"channels": [4, 8, 16, 32, 64], "strides": [2, 2, 2, 2], "num_res_units": 0, "norm": "batch"}
    net = mr.build(small, 0).double().eval()
    for p in net.parameters():
        p.requires_grad_(False)
    flair, t1 = mr.synthetic_case((30, 28, 26))
    x0, widths = mr.divisible_pad(np.stack([mr.normalise(flair), mr.normalise(t1)]))
    x = torch.from_numpy(x0)[None].clone().requires_grad_(True)

    # A small irregular lesion near the centre, in NIfTI storage order (i fastest, then j, then k).
    omega = [(i, j, k) for k in (14, 15) for j in (15, 16, 17) for i in (13, 14, 15, 16) if (i + j + k) % 3 != 0]
    omega.sort(key=lambda v: (v[2], v[1], v[0]))
    index = tuple(torch.tensor(c) for c in zip(*omega))

    captured = {}
    layer = dict(net.named_modules())[CAM_LAYER]
    handle = layer.register_forward_hook(lambda m, i, o: captured.__setitem__("a", o))
    z1 = net(x)[0, 1]
    handle.remove()
    lesion = z1[index]
    score = lesion.sum()

    grad_x, grad_a = torch.autograd.grad([score], [x, captured["a"]], retain_graph=True)
    average = (grad_x[0] / len(omega)).numpy()

    best = torch.zeros_like(x[0])
    for n in range(len(omega)):
        d = torch.autograd.grad([lesion[n]], [x], retain_graph=True)[0][0]
        larger = d.abs() > best.abs()
        best = torch.where(larger, d, best)
    maximum = best.numpy()

    a = captured["a"].detach()
    size = list(x.shape[2:])
    cams = {}
    for local in (True, False):
        cam = gradcampp(a, grad_a, local)
        up = torch.nn.functional.interpolate(cam[:, None], size=size, mode="trilinear", align_corners=False)[0, 0]
        cams[local] = up.numpy()

    expected = {
        "generator": "tools/reference/saliency_reference.py", "torch": torch.__version__,
        "model": "tests/fixtures/models/unet_small.pt", "case": "models_reference.synthetic_case((30, 28, 26))",
        "padded_shape": size, "padding_before": [w[0] for w in widths],
        "omega_padded": [list(v) for v in omega], "cam_layer": CAM_LAYER,
        "maps": {
            "smoothgrad": write("smoothgrad.bin", average),
            "smoothgrad-max": write("smoothgrad_max.bin", maximum),
            "gradcampp-local": write("gradcampp_local.bin", cams[True]),
            "gradcampp-global": write("gradcampp_global.bin", cams[False]),
        },
    }
    with open(os.path.join(OUT, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1)
    print(f"|Omega| = {len(omega)}; wrote {OUT}")


if __name__ == "__main__":
    main()
