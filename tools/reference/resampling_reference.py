#!/usr/bin/python3
"""Expected values for resampling through affines and for reorientation, from nibabel + scipy.

Run with Debian's python3-nibabel (5.0), python3-scipy (1.10) and numpy, from the repository root:
    /usr/bin/python3 tools/reference/resampling_reference.py
Writes tests/fixtures/resampling/<case>.json. Each case holds a small source grid (shape, affine, float32 values
in NIfTI order: i fastest) and a target grid (shape, affine), and the expected target values:
  linear   scipy.ndimage.map_coordinates(src, A_src^-1 . A_tgt . v, order=1, mode='constant', cval=0)
  nearest  the same with order=0 (label maps)
  mask     linear of the source binarised at 0.5, then > 0.5
  antialiased (cases with "antialias": true) gaussian_filter(src, sigma, mode='nearest', truncate=4) with
           sigma_a = max(0, (f_a - 1) / 2), f_a = max_t |M[a, t]|, then linear as above
and reorientation cases: nibabel's ornt_transform(io_orientation(A), axcodes2ornt(codes)), apply_orientation and
A . inv_ornt_aff. The script moves each target by multiples of (0.01, 0.007, 0.013) mm until no sampled coordinate lies within
1e-4 voxel of an integer unless it is one (up to 1e-9), nor within 1e-4 of a half-integer, so neither the C# snap
rule (SamplingBoundary) nor rounding noise at a nearest-neighbour tie can change an expected value. The project never
runs this script; it commits its outputs.
"""
import json
import math
import os

import nibabel as nib
import numpy as np
from nibabel import orientations as ornt
from scipy import ndimage

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "tests", "fixtures", "resampling")


def rotation(ax, ay, az):
    cx, sx, cy, sy, cz, sz = math.cos(ax), math.sin(ax), math.cos(ay), math.sin(ay), math.cos(az), math.sin(az)
    rx = np.array([[1, 0, 0], [0, cx, -sx], [0, sx, cx]])
    ry = np.array([[cy, 0, sy], [0, 1, 0], [-sy, 0, cy]])
    rz = np.array([[cz, -sz, 0], [sz, cz, 0], [0, 0, 1]])
    return rz @ ry @ rx


def affine(rot, zooms, offset):
    a = np.eye(4)
    a[:3, :3] = rot @ np.diag(zooms)
    a[:3, 3] = offset
    return a


def target_coordinates(src_aff, tgt_aff, tgt_shape):
    m = np.linalg.inv(src_aff) @ tgt_aff
    idx = np.indices(tgt_shape).reshape(3, -1).astype(np.float64)
    return (m[:3, :3] @ idx + m[:3, 3:4]), m


def near_integer(coords):
    """True when a coordinate is within 1e-4 of an integer without being one (the snap could change it), or within
    1e-4 of a half-integer (a nearest-neighbour tie, decided by rounding noise)."""
    d = np.abs(coords - np.round(coords))
    half = np.abs(coords - np.floor(coords) - 0.5)
    return ((d > 1e-9) & (d < 1e-4)).any() or (half < 1e-4).any()


def avoid_near_integers(src_aff, tgt_aff, tgt_shape):
    """The target affine, its offset moved by the first multiple of (0.01, 0.007, 0.013) mm that keeps every sampled
    coordinate either an integer or at least 1e-4 voxel away from one."""
    for attempt in range(100):
        moved = tgt_aff.copy()
        moved[:3, 3] += 0.01 * attempt * np.array([1.0, 0.7, 1.3])
        if not near_integer(target_coordinates(src_aff, moved, tgt_shape)[0]):
            return moved
    raise AssertionError("no target offset avoids near-integer coordinates")


def flat(a):
    return [float(v) for v in np.asarray(a).reshape(-1, order="F")]


def case(name, src_shape, src_aff, tgt_shape, tgt_aff, rng, antialias=False, smooth=False):
    if smooth:
        i, j, k = np.indices(src_shape)
        src = (np.sin(i / 2.0) + np.cos(j / 3.0) * np.sin(k / 2.5 + 0.3)).astype(np.float32).astype(np.float64)
    else:
        src = rng.random(src_shape).astype(np.float32).astype(np.float64)
    labels = rng.integers(0, 4, size=src_shape).astype(np.float64)
    tgt_aff = avoid_near_integers(src_aff, tgt_aff, tgt_shape)
    coords, m = target_coordinates(src_aff, tgt_aff, tgt_shape)
    linear = ndimage.map_coordinates(src, coords, order=1, mode="constant", cval=0.0).reshape(tgt_shape)
    nearest = ndimage.map_coordinates(labels, coords, order=0, mode="constant", cval=0.0).reshape(tgt_shape)
    binary = (src > 0.5).astype(np.float64)
    mask = ndimage.map_coordinates(binary, coords, order=1, mode="constant", cval=0.0).reshape(tgt_shape) > 0.5
    doc = {
        "source": {"shape": list(src_shape), "affine": src_aff.tolist(), "values": flat(src), "labels": flat(labels)},
        "target": {"shape": list(tgt_shape), "affine": tgt_aff.tolist()},
        "linear": flat(linear),
        "nearest": flat(nearest),
        "mask": flat(mask.astype(np.float64)),
        "outside_fraction": float(np.mean(linear == 0)),
    }
    if antialias:
        factors = np.abs(m[:3, :3]).max(axis=1)
        sigmas = np.maximum(0, (factors - 1) / 2)
        blurred = ndimage.gaussian_filter(src, sigma=sigmas, mode="nearest", truncate=4.0)
        doc["sigmas"] = [float(s) for s in sigmas]
        doc["antialiased"] = flat(ndimage.map_coordinates(blurred, coords, order=1, mode="constant", cval=0.0).reshape(tgt_shape))
    with open(os.path.join(OUT, name + ".json"), "w") as f:
        json.dump(doc, f)
    print(name, src_shape, "->", tgt_shape, "orientation", "".join(nib.aff2axcodes(src_aff)), "->",
          "".join(nib.aff2axcodes(tgt_aff)), "outside", round(doc["outside_fraction"], 3))


def reorientation_case(name, shape, aff, codes, rng):
    data = rng.random(shape).astype(np.float32).astype(np.float64)
    t = ornt.ornt_transform(ornt.io_orientation(aff), ornt.axcodes2ornt(tuple(codes)))
    out = ornt.apply_orientation(data, t)
    out_aff = aff @ ornt.inv_ornt_aff(t, shape)
    doc = {"shape": list(shape), "affine": aff.tolist(), "values": flat(data), "codes": codes,
           "expected_shape": list(out.shape), "expected_affine": out_aff.tolist(), "expected_values": flat(out),
           "source_codes": "".join(nib.aff2axcodes(aff)), "expected_codes": "".join(nib.aff2axcodes(out_aff))}
    with open(os.path.join(OUT, name + ".json"), "w") as f:
        json.dump(doc, f)
    print(name, doc["source_codes"], "->", doc["expected_codes"], shape, "->", out.shape)


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(20261203)
    # Oblique: both grids rotated differently, anisotropic voxels, the target partly outside the source.
    case("oblique", (9, 8, 7), affine(rotation(0.2, -0.15, 0.35), [1.1, 0.9, 2.3], [-3.1, 2.2, -4.7]),
         (10, 9, 8), affine(rotation(-0.1, 0.25, -0.2), [1.0, 1.3, 1.7], [-5.3, -1.9, -6.1]), rng)
    # Anisotropic clinical-like: 0.9 x 0.9 x 6.8 mm (LAS, slightly oblique) onto 1 mm in the same axes.
    src = affine(rotation(0.05, 0.02, 0.0) @ np.diag([-1, 1, 1]), [0.9, 0.9, 6.8], [9.7, -8.3, -13.1])
    rot = src[:3, :3] / np.array([0.9, 0.9, 6.8])
    case("anisotropic", (14, 13, 5), src, (13, 12, 28), affine(rot, [1.0, 1.0, 1.0], src[:3, 3] + rot @ [0.37, 0.41, 0.29]), rng, smooth=True)
    # LPS source (j flipped against A) onto an LAS target with other spacing and offset.
    case("lps", (10, 9, 6), affine(np.diag([-1.0, -1.0, 1.0]), [1.2, 1.1, 3.0], [7.3, 6.9, -8.2]),
         (11, 10, 9), affine(np.diag([-1.0, 1.0, 1.0]), [1.0, 1.05, 2.1], [7.9, -4.6, -9.1]), rng)
    # LAS source onto RAS target (i flipped) with a rotation between them.
    case("las", (9, 10, 7), affine(rotation(0.0, 0.0, 0.12) @ np.diag([-1.0, 1.0, 1.0]), [0.95, 1.05, 2.5], [5.2, -4.4, -7.3]),
         (10, 10, 8), affine(np.eye(3), [1.0, 1.0, 2.0], [-4.3, -5.6, -7.9]), rng)
    # Downsampling with anti-aliasing: 1 mm onto 3 x 2.5 x 1 mm (sigma 1, 0.75, 0 source voxels).
    case("downsample", (24, 20, 10), affine(rotation(0.1, 0.0, -0.05), [1.0, 1.0, 1.0], [0.3, -0.2, 0.1]),
         (8, 8, 10), affine(rotation(0.1, 0.0, -0.05), [3.0, 2.5, 1.0], [1.37, 1.21, 0.13]), rng, antialias=True, smooth=True)
    # The flip case exactly as MS3SEG stores it: LPS source whose voxels coincide with the LAS target's.
    reorientation_case("reorient_lps_to_ras", (5, 4, 3), affine(rotation(0.1, -0.05, 0.08) @ np.diag([-1.0, -1.0, 1.0]), [0.9, 0.9, 6.5], [120.1, 127.9, -19.5]), "RAS", rng)
    reorientation_case("reorient_las_to_lps", (5, 4, 3), affine(np.diag([-1.0, 1.0, 1.0]), [0.9, 0.9, 6.5], [119.8, -92.6, -81.4]), "LPS", rng)
    perm = np.array([[0.0, 0, 1], [-1, 0, 0], [0, -1, 0]])  # i along -y (P), j along -z (I), k along +x (R)
    reorientation_case("reorient_permuted_to_ras", (5, 4, 3), affine(rotation(0.15, 0.1, -0.2) @ perm, [1.0, 2.0, 3.0], [3.0, -2.0, 1.0]), "RAS", rng)


if __name__ == "__main__":
    main()
