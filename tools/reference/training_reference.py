#!/usr/bin/env python3
"""Independent reference for the small affine augmentation of src/InstanceSaliency.Models/Training (issue 5).

RandomAffine resamples a patch about its centre: output voxel o reads the input at M (o - c) + c, with
c = (n - 1) / 2 per axis and M = V^-1 A V, A = Rz(g) Ry(b) Rx(a) H S (rotations about the i, j, k axes, H the unit
upper-triangular shear (h_ij, h_ik, h_jk), S = diag(s_i, s_j, s_k), V = diag(voxel sizes)); images trilinear, the
label trilinear on {0, 1} then >= 0.5; outside the grid the nearest edge voxel. That is
scipy.ndimage.affine_transform(x, M, offset = c - M c, order=1, mode="nearest"), computed here in float64.

The inputs are defined by formulas (image, label below) that the C# test reproduces exactly. Writes
tests/fixtures/training/affine.json: per case the shape, voxel sizes, parameters, and the expected image
(float64, little-endian, NIfTI/Fortran order, base64) and label (uint8, Fortran order, base64).

Run with Debian's python3 (numpy, scipy): /usr/bin/python3 tools/reference/training_reference.py
"""

import base64
import json
import math
import os

import numpy as np
from scipy.ndimage import affine_transform

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tests", "fixtures", "training")


def image(shape):
    """x[i, j, k] = sin(0.7 i) + cos(0.45 j) (k + 1) / nk + 0.02 i j - 0.01 k^2 (smooth, asymmetric on every axis)."""
    i, j, k = np.meshgrid(*[np.arange(n, dtype=np.float64) for n in shape], indexing="ij")
    return np.sin(0.7 * i) + np.cos(0.45 * j) * (k + 1) / shape[2] + 0.02 * i * j - 0.01 * k * k


def label(shape):
    """An off-centre ellipsoid: ((i - 4)/3.5)^2 + ((j - 6)/2.5)^2 + ((k - 5)/3)^2 <= 1."""
    i, j, k = np.meshgrid(*[np.arange(n, dtype=np.float64) for n in shape], indexing="ij")
    return (((i - 4) / 3.5) ** 2 + ((j - 6) / 2.5) ** 2 + ((k - 5) / 3) ** 2 <= 1).astype(np.uint8)


def rotation(axis, degrees):
    a = math.radians(degrees)
    m = np.zeros((3, 3))
    m[axis, axis] = 1
    p, q = (axis + 1) % 3, (axis + 2) % 3
    m[p, p], m[p, q], m[q, p], m[q, q] = math.cos(a), -math.sin(a), math.sin(a), math.cos(a)
    return m


def voxel_matrix(c, sizes):
    shear = np.array([[1, c["shear_ij"], c["shear_ik"]], [0, 1, c["shear_jk"]], [0, 0, 1]], dtype=np.float64)
    scale = np.diag([c["scale_i"], c["scale_j"], c["scale_k"]])
    a = rotation(2, c["rot_k"]) @ rotation(1, c["rot_j"]) @ rotation(0, c["rot_i"]) @ shear @ scale
    v = np.diag(sizes)
    return np.linalg.inv(v) @ a @ v


def encode(array, dtype):
    return base64.b64encode(np.asfortranarray(array).astype(dtype).tobytes(order="F")).decode("ascii")


def main():
    cases = [
        dict(name="rotate-k-30", shape=[12, 11, 10], sizes=[1.0, 1.0, 1.0], rot_i=0, rot_j=0, rot_k=30,
             scale_i=1, scale_j=1, scale_k=1, shear_ij=0, shear_ik=0, shear_jk=0),
        dict(name="all-parameters-anisotropic", shape=[12, 11, 10], sizes=[1.0, 1.2, 0.9], rot_i=-12, rot_j=8, rot_k=14,
             scale_i=1.08, scale_j=0.93, scale_k=1.02, shear_ij=0.04, shear_ik=-0.03, shear_jk=0.05),
    ]
    for c in cases:
        shape = tuple(c["shape"])
        m = voxel_matrix(c, c["sizes"])
        centre = (np.array(shape, dtype=np.float64) - 1) / 2
        offset = centre - m @ centre
        x = affine_transform(image(shape), m, offset=offset, order=1, mode="nearest")
        y = affine_transform(label(shape).astype(np.float64), m, offset=offset, order=1, mode="nearest")
        # A label value within rounding of the threshold would make the comparison ill-posed.
        assert np.min(np.abs(y - 0.5)) > 1e-6, c["name"]
        c["image"] = encode(x, "<f8")
        c["label"] = encode(y >= 0.5, "u1")
        c["label_voxels"] = int((y >= 0.5).sum())
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "affine.json"), "w") as f:
        json.dump({"source": "tools/reference/training_reference.py (scipy.ndimage.affine_transform, order 1, mode nearest)",
                   "cases": cases}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
