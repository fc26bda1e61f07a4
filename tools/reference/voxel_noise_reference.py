#!/usr/bin/python3
"""Expected values of SmoothGrad's per-voxel noise (tests/InstanceSaliency.Saliency.Tests/Methods/SmoothGradNoiseTests.cs).

Run with Debian 12's python3 (standard library only):  /usr/bin/python3 tools/reference/voxel_noise_reference.py
Writes tests/fixtures/saliency/voxel_noise.json.

An independent implementation of the noise as src/InstanceSaliency.Saliency/Noise/VoxelNoise.cs documents it:
eps[n, c, i, j, k] ~ N(0, 1) depends only on the seed, the sample n and the voxel. With the voxel's flat index
v = ((c*D + i)*H + j)*W + k on the whole padded grid [channel, D, H, W] and m = v >> 1:
    key  = mix(seed XOR mix(0x9E3779B97F4A7C15 * (n + 1)))              (64-bit wrap-around arithmetic)
    a    = mix(key XOR mix(2m + 1)),  b = mix(key XOR mix(2m + 2))        (mix = SplitMix64's finaliser)
    u1   = ((a >> 11) + 1) / 2^53 in (0, 1],  u2 = (b >> 11) / 2^53 in [0, 1)
    r    = sqrt(-2 ln u1);  eps = r cos(2 pi u2) for even v, r sin(2 pi u2) for odd v   (Box-Muller)
rounded to float32. The voxels are drawn at random over the grid (both channels, several samples, two seeds
including a negative one) plus one whole row, so pairs split by a region's edge are covered.
"""
import json
import math
import os
import random
import struct

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tests", "fixtures", "saliency", "voxel_noise.json")
MASK = (1 << 64) - 1
GRID = (48, 48, 32)  # D, H, W of the padded grid the tests use (SyntheticScan.Ellipsoid(48, 48, 32))


def mix(z):
    z = (z + 0x9E3779B97F4A7C15) & MASK
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return z ^ (z >> 31)


def noise(seed, n, c, i, j, k):
    d, h, w = GRID
    v = ((c * d + i) * h + j) * w + k
    key = mix((seed & MASK) ^ mix((0x9E3779B97F4A7C15 * (n + 1)) & MASK))
    m = v >> 1
    a = mix(key ^ mix((2 * m + 1) & MASK))
    b = mix(key ^ mix((2 * m + 2) & MASK))
    u1 = ((a >> 11) + 1) * (1.0 / 9007199254740992.0)
    u2 = (b >> 11) * (1.0 / 9007199254740992.0)
    r = math.sqrt(-2.0 * math.log(u1))
    value = r * math.cos(2.0 * math.pi * u2) if v % 2 == 0 else r * math.sin(2.0 * math.pi * u2)
    return struct.unpack("f", struct.pack("f", value))[0]


def main():
    rng = random.Random(20261203)
    d, h, w = GRID
    points = []
    for seed in (11, -3):
        for n in (0, 1, 2):
            for _ in range(200):
                c, i, j, k = rng.randrange(2), rng.randrange(d), rng.randrange(h), rng.randrange(w)
                points.append([seed, n, c, i, j, k, noise(seed, n, c, i, j, k)])
    for k in range(w):  # one whole row of the T1 channel, sample 1
        points.append([11, 1, 1, 20, 22, k, noise(11, 1, 1, 20, 22, k)])
    data = {"generator": "tools/reference/voxel_noise_reference.py (SplitMix64 + Box-Muller, as VoxelNoise documents it)",
            "grid": list(GRID), "columns": ["seed", "sample", "channel", "i", "j", "k", "value"], "points": points}
    with open(OUT, "w") as fh:
        json.dump(data, fh, indent=0)
        fh.write("\n")


if __name__ == "__main__":
    main()
