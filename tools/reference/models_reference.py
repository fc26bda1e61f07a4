#!/usr/bin/env python3
"""Independent PyTorch reference for src/InstanceSaliency.Models (issue 4; method.md sections 1-3).

Builds MONAI's UNet (monai/networks/nets/unet.py, with Convolution, ADN, ResidualUnit and SkipConnection
from monai/networks/blocks and layers) in plain PyTorch with the same module structure, so the state_dict keys
are MONAI's; seeds the weights; gives BatchNorm non-trivial running statistics; and writes to
tests/fixtures/models:

  * checkpoints written by torch.save (zip format) with their JSON sidecars PATH.json (cli-contract.md,
    "Models"): the small U-Net (channels 4..64), residual and instance-norm variants, and a tiny U-Net saved
    plain, with a `module.` prefix, nested under `state_dict` / `model`, with a wrong key and a wrong shape;
  * a TorchScript trace of the small U-Net (unet_small.ts);
  * expected values as raw little-endian float32 (.bin) plus expected.json describing them.

The inputs are synthetic and defined by integer formulas (synthetic_case) that the C# tests reproduce exactly.
Preprocessing (NormalizeIntensity nonzero channel-wise, ddof 0; symmetric DivisiblePad(16)) and
sliding-window inference (MONAI sliding_window_inference with a Gaussian importance map) are re-implemented
here following MONAI 1.x, computed in float64 (the importance map in float32 then widened, as MONAI does).

Run with Debian's python3 (torch 1.13, numpy): python3 tools/reference/models_reference.py
"""

import json
import math
import os
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tests", "fixtures", "models")


# ---------------------------------------------------------------- MONAI module structure (state_dict keys)

class ADN(nn.Sequential):
    """monai.networks.blocks.ADN with ordering "NDA": children named N, D, A (dropout 0 has no parameters)."""

    def __init__(self, channels, norm, dropout=0.0):
        super().__init__()
        ops = {"N": nn.BatchNorm3d(channels) if norm == "batch" else nn.InstanceNorm3d(channels),
               "D": nn.Dropout(dropout), "A": nn.PReLU()}
        for name in "NDA":
            self.add_module(name, ops[name])


class Convolution(nn.Sequential):
    """monai.networks.blocks.Convolution: child `conv`, then `adn` unless conv_only."""

    def __init__(self, cin, cout, strides, norm, transposed=False, conv_only=False, kernel=3):
        super().__init__()
        padding = (kernel - 1) // 2
        if transposed:
            conv = nn.ConvTranspose3d(cin, cout, kernel, stride=strides, padding=padding, output_padding=strides - 1)
        else:
            conv = nn.Conv3d(cin, cout, kernel, stride=strides, padding=padding)
        self.add_module("conv", conv)
        if not conv_only:
            self.add_module("adn", ADN(cout, norm))


class ResidualUnit(nn.Module):
    """monai.networks.blocks.ResidualUnit: `conv` (unit0..), `residual` (Identity or a Conv3d)."""

    def __init__(self, cin, cout, strides, subunits, norm, last_conv_only=False, kernel=3):
        super().__init__()
        self.conv = nn.Sequential()
        self.residual = nn.Identity()
        padding = (kernel - 1) // 2
        sch, sst = cin, strides
        subunits = max(1, subunits)
        for su in range(subunits):
            conv_only = last_conv_only and su == subunits - 1
            self.conv.add_module(f"unit{su:d}", Convolution(sch, cout, sst, norm, conv_only=conv_only, kernel=kernel))
            sch, sst = cout, 1
        if strides != 1 or cin != cout:
            rk, rp = (kernel, padding) if strides != 1 else (1, 0)
            self.residual = nn.Conv3d(cin, cout, rk, strides, rp)

    def forward(self, x):
        res = self.residual(x)
        return self.conv(x) + res


class SkipConnection(nn.Module):
    def __init__(self, submodule):
        super().__init__()
        self.submodule = submodule

    def forward(self, x):
        return torch.cat([x, self.submodule(x)], dim=1)


class UNet(nn.Module):
    """monai.networks.nets.UNet (spatial_dims 3, kernel 3, up kernel 3, PReLU, ADN "NDA", dropout 0)."""

    def __init__(self, cin, cout, channels, strides, num_res_units, norm):
        super().__init__()
        self.num_res_units, self.norm = num_res_units, norm

        def block(inc, outc, chans, strs, is_top):
            c, s = chans[0], strs[0]
            if len(chans) > 2:
                sub = block(c, c, chans[1:], strs[1:], False)
                upc = c * 2
            else:
                sub = self._down(c, chans[1], 1, False)
                upc = c + chans[1]
            down = self._down(inc, c, s, is_top)
            up = self._up(upc, outc, s, is_top)
            return nn.Sequential(down, SkipConnection(sub), up)

        self.model = block(cin, cout, channels, strides, True)

    def _down(self, cin, cout, s, is_top):
        if self.num_res_units > 0:
            return ResidualUnit(cin, cout, s, self.num_res_units, self.norm)
        return Convolution(cin, cout, s, self.norm)

    def _up(self, cin, cout, s, is_top):
        conv = Convolution(cin, cout, s, self.norm, transposed=True, conv_only=is_top and self.num_res_units == 0)
        if self.num_res_units > 0:
            ru = ResidualUnit(cout, cout, 1, 1, self.norm, last_conv_only=is_top)
            conv = nn.Sequential(conv, ru)
        return conv

    def forward(self, x):
        return self.model(x)


def build(spec, seed):
    torch.manual_seed(seed)
    net = UNet(2, 2, spec["channels"], spec["strides"], spec["num_res_units"], spec["norm"])
    g = torch.Generator().manual_seed(seed + 1)
    with torch.no_grad():
        for m in net.modules():
            if isinstance(m, nn.BatchNorm3d):
                n = m.num_features
                m.weight.copy_(1 + 0.2 * torch.randn(n, generator=g))
                m.bias.copy_(0.2 * torch.randn(n, generator=g))
                m.running_mean.copy_(0.3 * torch.randn(n, generator=g))
                m.running_var.copy_(0.5 + torch.rand(n, generator=g))
                m.num_batches_tracked.fill_(17)
            if isinstance(m, nn.PReLU):
                m.weight.copy_(0.05 + 0.4 * torch.rand(1, generator=g))
    return net.eval()


def sidecar(spec, **extra):
    d = {"architecture": "monai-unet", "in_channels": 2, "out_channels": 2, "channels": spec["channels"],
         "strides": spec["strides"], "num_res_units": spec["num_res_units"], "norm": spec["norm"], "act": "prelu",
         "threshold": 0.3, "cam_layer": "model.1.submodule.2.conv", "modalities": ["flair", "t1"]}
    d.update(extra)
    return d


# ---------------------------------------------------------------- synthetic inputs (mirrored in C#)

def synthetic_case(shape):
    """FLAIR and T1 as [i, j, k] float32 arrays, zero outside an ellipsoid; exact integer formulas."""
    I, J, K = shape
    i, j, k = np.meshgrid(np.arange(I, dtype=np.int64), np.arange(J, dtype=np.int64), np.arange(K, dtype=np.int64),
                          indexing="ij")
    inside = (100 * ((2 * i - I + 1) ** 2 * J * J * K * K + (2 * j - J + 1) ** 2 * I * I * K * K
                     + (2 * k - K + 1) ** 2 * I * I * J * J)) <= 81 * I * I * J * J * K * K
    flair = ((i * 7 + j * j * 3 + k * 11 + i * k) % 29).astype(np.float32) * np.float32(0.25) + np.float32(1)
    t1 = ((i * i * 5 + j * 13 + k * k * 2 + j * k) % 31).astype(np.float32) * np.float32(0.5)
    return np.where(inside, flair, 0).astype(np.float32), np.where(inside, t1, 0).astype(np.float32)


# ---------------------------------------------------------------- MONAI preprocessing and inference

def normalise(channel):
    """NormalizeIntensity(nonzero=True, channel_wise=True): (x - mean) / std over non-zero voxels, ddof 0."""
    x = channel.astype(np.float64)
    nz = x != 0
    out = np.zeros_like(x)
    if nz.any():
        m, s = x[nz].mean(), x[nz].std()
        out[nz] = (x[nz] - m) / (s if s != 0 else 1.0)
    return out


def divisible_pad(x, k=16):
    """DivisiblePad(k, method="symmetric") on the spatial axes of [C, D, H, W]: floor(p/2) before."""
    pads, widths = [], [(0, 0)]
    for n in x.shape[1:]:
        p = (-n) % k
        widths.append((p // 2, p - p // 2))
    return np.pad(x, widths), widths[1:]


def importance_map(roi, sigma_scale=0.125):
    """monai.data.utils.compute_importance_map(mode="gaussian"), float32, min clamped to max(min, 1e-3)."""
    imp = None
    for d, n in enumerate(roi):
        sigma = n * sigma_scale
        x = torch.arange(start=-(n - 1) / 2.0, end=(n - 1) / 2.0 + 1, dtype=torch.float)
        x = torch.exp(x ** 2 / (-2 * sigma ** 2))
        imp = imp.unsqueeze(-1) * x[(None,) * d] if d > 0 else x
    m = max(torch.min(imp).item(), 1e-3)
    return torch.clamp_(imp.to(torch.float), min=m)


def window_starts(image, roi, overlap):
    """_get_scan_interval + dense_patch_slices."""
    starts = []
    for n, r in zip(image, roi):
        interval = r if r == n else max(int(r * (1 - overlap)), 1)
        num = int(math.ceil(float(n) / interval))
        scan = next((d for d in range(num) if d * interval + r >= n), None)
        count = scan + 1 if scan is not None else 1
        starts.append([s - max(s + r - n, 0) for s in (idx * interval for idx in range(count))])
    grid = np.meshgrid(*starts, indexing="ij")
    return [tuple(int(v) for v in p) for p in np.stack([g.flatten() for g in grid], axis=1)]


def sliding_window(x, net, roi, overlap=0.25, sigma_scale=0.125, batch=1):
    """monai.inferers.sliding_window_inference(mode="gaussian") for a [1, C, D, H, W] tensor."""
    size0 = x.shape[2:]
    roi = tuple(roi)
    pad = []
    for d in range(4, 1, -1):
        diff = max(roi[d - 2] - x.shape[d], 0)
        pad += [diff // 2, diff - diff // 2]
    if max(pad) > 0:
        x = F.pad(x, pad)
    size = x.shape[2:]
    imp = importance_map(roi, sigma_scale).to(x.dtype)
    imp = torch.clamp(imp.to(torch.float32), min=max(torch.min(imp).item(), 1e-3)).to(x.dtype)
    starts = window_starts(size, roi, overlap)
    out, count = None, torch.zeros((1, 1) + tuple(size), dtype=x.dtype)
    for b in range(0, len(starts), batch):
        group = starts[b:b + batch]
        data = torch.cat([x[:, :, s[0]:s[0] + roi[0], s[1]:s[1] + roi[1], s[2]:s[2] + roi[2]] for s in group])
        pred = net(data)
        if out is None:
            out = torch.zeros((1, pred.shape[1]) + tuple(size), dtype=x.dtype)
        for n, s in enumerate(group):
            sl = (slice(None), slice(None), slice(s[0], s[0] + roi[0]), slice(s[1], s[1] + roi[1]),
                  slice(s[2], s[2] + roi[2]))
            out[sl] += imp * pred[n]
            count[sl] += imp
    out = out / count
    crop = []
    for sp in range(3):
        before = pad[(2 - sp) * 2]
        crop.append(slice(before, before + size0[sp]))
    return out[(slice(None), slice(None)) + tuple(crop)], len(starts)


def probability(flair, t1, net, roi):
    """Full pipeline of method.md sections 1 and 3 in float64: lesion probability on the [i, j, k] grid."""
    x = np.stack([normalise(flair), normalise(t1)])
    xp, widths = divisible_pad(x)
    with torch.no_grad():
        logits, windows = sliding_window(torch.from_numpy(xp)[None], net, roi)
        p = torch.softmax(logits, dim=1)[0, 1].numpy()
    crop = tuple(slice(b, b + n) for (b, _), n in zip(widths, flair.shape))
    return p[crop], windows


# ---------------------------------------------------------------- writing

def write_bin(name, array):
    a = np.ascontiguousarray(np.asarray(array, dtype="<f4"))
    a.tofile(os.path.join(OUT, name))
    return {"file": name, "shape": list(a.shape), "order": "C"}


def save_checkpoint(name, obj, side):
    torch.save(obj, os.path.join(OUT, name))
    with open(os.path.join(OUT, name + ".json"), "w") as f:
        json.dump(side, f, indent=1)


def main():
    os.makedirs(OUT, exist_ok=True)
    torch.set_num_threads(2)
    expected = {"generator": "tools/reference/models_reference.py", "torch": torch.__version__,
                "inputs": "synthetic_case(shape): arrays indexed [i, j, k]; .bin arrays are C order", "cases": {}}

    small = {"channels": [4, 8, 16, 32, 64], "strides": [2, 2, 2, 2], "num_res_units": 0, "norm": "batch"}
    net = build(small, 0)
    save_checkpoint("unet_small.pt", net.state_dict(), sidecar(small))
    traced = torch.jit.trace(net.float(), torch.zeros(1, 2, 32, 32, 32))
    traced.save(os.path.join(OUT, "unet_small.ts"))
    net64 = build(small, 0).double()

    # 1. Full forward (no sliding window) of the padded normalised input: checks the network alone.
    flair, t1 = synthetic_case((30, 28, 26))
    x = np.stack([normalise(flair), normalise(t1)])
    xp, _ = divisible_pad(x)
    with torch.no_grad():
        logits = net64(torch.from_numpy(xp)[None])[0].numpy()
    expected["cases"]["logits_small_32"] = write_bin("logits_small_32.bin", logits)

    # 2. One window: 30x28x26 -> padded 32^3 -> MONAI pads to the 96^3 roi.
    p, w = probability(flair, t1, net64, (96, 96, 96))
    expected["cases"]["probability_one_window"] = dict(write_bin("probability_one_window.bin", p), shape_ijk=[30, 28, 26],
                                                       roi=96, windows=w)

    # 3. Several windows, roi 96: 112x100x120 -> padded 112x112x128, 8 windows; stored every 4th voxel.
    flair, t1 = synthetic_case((112, 100, 120))
    p, w = probability(flair, t1, net64, (96, 96, 96))
    expected["cases"]["probability_several_windows"] = dict(
        write_bin("probability_several_windows_every4.bin", p[::4, ::4, ::4]), shape_ijk=[112, 100, 120], roi=96,
        windows=w, step=4, sum=float(p.astype(np.float64).sum()), max=float(p.max()), min=float(p.min()))

    # 4. Several windows, roi 32: 50x44x38 -> padded 64x48x48, 12 windows; stored every 2nd voxel.
    flair, t1 = synthetic_case((50, 44, 38))
    p, w = probability(flair, t1, net64, (32, 32, 32))
    expected["cases"]["probability_roi32"] = dict(
        write_bin("probability_roi32_every2.bin", p[::2, ::2, ::2]), shape_ijk=[50, 44, 38], roi=32, windows=w,
        step=2, sum=float(p.astype(np.float64).sum()))

    # 5. Variants: residual units, instance norm; full forward logits on a 16^3 case.
    flair, t1 = synthetic_case((16, 16, 16))
    x16 = torch.from_numpy(np.stack([normalise(flair), normalise(t1)]))[None]
    variants = {
        "unet_res2_batch": {"channels": [4, 8, 16], "strides": [2, 2], "num_res_units": 2, "norm": "batch"},
        "unet_res1_instance": {"channels": [4, 8, 16], "strides": [2, 2], "num_res_units": 1, "norm": "instance"},
        "unet_res0_instance": {"channels": [4, 8, 16], "strides": [2, 2], "num_res_units": 0, "norm": "instance"},
    }
    for n, (name, spec) in enumerate(variants.items()):
        v = build(spec, 10 + n)
        save_checkpoint(name + ".pt", v.state_dict(), sidecar(spec))
        with torch.no_grad():
            out = v.double()(x16)[0].numpy()
        expected["cases"]["logits_" + name] = dict(write_bin(f"logits_{name}_16.bin", out), model=name + ".pt")

    # 6. Checkpoint layouts and broken checkpoints of a tiny U-Net; logits on the same 16^3 case.
    tiny = {"channels": [2, 4, 8], "strides": [2, 2], "num_res_units": 0, "norm": "batch"}
    t = build(tiny, 20)
    sd = t.state_dict()
    prefixed = {"module." + k: v for k, v in sd.items()}
    save_checkpoint("tiny.pt", sd, sidecar(tiny))
    save_checkpoint("tiny_module_prefix.pt", prefixed, sidecar(tiny))
    save_checkpoint("tiny_nested_state_dict.pt", {"epoch": 3, "state_dict": prefixed}, sidecar(tiny))
    save_checkpoint("tiny_nested_model.pt", {"model": sd, "optimizer": {"lr": 0.001}}, sidecar(tiny))
    wrong_key = dict(sd)
    wrong_key["model.1.submodule.0.conv.weights"] = wrong_key.pop("model.1.submodule.0.conv.weight")
    save_checkpoint("tiny_wrong_key.pt", wrong_key, sidecar(tiny))
    save_checkpoint("tiny_wrong_shape.pt", sd, sidecar(dict(tiny, channels=[2, 4, 16])))
    with torch.no_grad():
        out = t.double()(x16)[0].numpy()
    expected["cases"]["logits_tiny"] = dict(write_bin("logits_tiny_16.bin", out), model="tiny.pt")

    with open(os.path.join(OUT, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1)
    total = sum(os.path.getsize(os.path.join(OUT, f)) for f in os.listdir(OUT))
    print(f"wrote {len(os.listdir(OUT))} files, {total / 1e6:.2f} MB, to {os.path.normpath(OUT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
