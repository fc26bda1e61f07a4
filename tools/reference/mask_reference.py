#!/usr/bin/python3
"""Expected values for the mask rule (MaskBinarisation, issue 19 item 8) and the single-frame rule, from nibabel.

Run with Debian's python3-nibabel (5.0) and numpy, from the repository root:
    /usr/bin/python3 tools/reference/mask_reference.py
Writes tests/fixtures/masks/*.nii.gz (small masks written by nibabel: non-binary values, values within 1e-4 of 1,
a negative value, a 4D series, a 4D image with one frame, a 5D image) and tests/fixtures/masks/expected.json with,
per file, the shape, the lesion count (scaled value > 0.5), the count and range of non-binary values (farther than
1e-4 from 0 and 1, NaN aside), the NaN count and the first negative voxel; and, per real mask of
../shared/data/lesjak2017 and ../shared/data/ms3seg, the lesion count and the largest distance of a value from
{0, 1}. The project never runs this script; it commits its outputs.
"""
import glob
import json
import os

import nibabel as nib
import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIX = os.path.join(ROOT, "tests", "fixtures", "masks")
SHARED = os.path.join(ROOT, "..", "shared", "data")
TOL = 1e-4
AFFINE = np.array([[-1.0, 0, 0, 90], [0, 1.0, 0, -126], [0, 0, 2.0, -72], [0, 0, 0, 1]])


def describe(data):
    """What the rule must report for float64 values `data` (one 3D frame)."""
    v = np.asarray(data, dtype=np.float64)
    nan = np.isnan(v)
    binary = (np.abs(v) <= TOL) | (np.abs(v - 1) <= TOL)
    other = ~binary & ~nan
    negative = np.argwhere(np.nan_to_num(v, nan=0.0) < -TOL)
    # First negative voxel in NIfTI storage order (i fastest): sort the (i, j, k) rows by k, then j, then i.
    first = None
    if len(negative):
        order = np.lexsort((negative[:, 0], negative[:, 1], negative[:, 2]))
        first = [int(x) for x in negative[order[0]]]
    return {
        "lesion_voxels": int(np.sum(np.nan_to_num(v, nan=0.0) > 0.5)),
        "non_binary": int(other.sum()),
        "non_binary_lesion": int(np.sum(other & (np.nan_to_num(v, nan=0.0) > 0.5))),
        "non_binary_min": float(v[other].min()) if other.any() else None,
        "non_binary_max": float(v[other].max()) if other.any() else None,
        "nan": int(nan.sum()),
        "negative": int(len(negative)),
        "first_negative": first,
    }


def write(name, data, dtype, slope=None):
    img = nib.Nifti1Image(np.asarray(data).astype(dtype), AFFINE)
    img.set_sform(AFFINE, 1)
    img.set_qform(AFFINE, 1)
    if slope is not None:
        img.header.set_slope_inter(slope, 0.0)
    path = os.path.join(FIX, name)
    nib.save(img, path)
    back = nib.load(path)
    data = np.asanyarray(back.dataobj).astype(np.float64)
    entry = {"file": name, "shape": [int(d) for d in back.shape]}
    if data.ndim > 3 and int(np.prod(data.shape[3:])) != 1:
        entry["frames"] = int(np.prod(data.shape[3:]))
    else:
        entry.update(describe(data.reshape(data.shape[:3])))
    return entry


def main():
    os.makedirs(FIX, exist_ok=True)
    rng = np.random.default_rng(19)
    files = []

    values = np.zeros((6, 5, 4), np.float32)
    values[1:3, 1:3, 1] = 0.3
    values[3, 2, 2] = 0.7
    values[4, 4, 3] = 2.0
    values[0, 4, 0] = 1.0
    values[5, 0, 3] = 1.00005   # within the tolerance: 1
    values[5, 1, 3] = np.nan
    files.append(write("non-binary.nii.gz", values, np.float32))

    near_one = (rng.random((6, 5, 4)) > 0.7).astype(np.float64) * 1.00000006
    files.append(write("near-one-float64.nii.gz", near_one, np.float64))
    files.append(write("scaled-uint8.nii.gz", (near_one > 0.5) * 255, np.uint8, slope=np.float32(1 / 255)))

    probability = rng.random((6, 5, 4)).astype(np.float32)
    files.append(write("probability.nii.gz", probability, np.float32))

    labels = np.zeros((6, 5, 4), np.int16)
    labels[0:2, 0:2, 0] = 1
    labels[4:6, 3:5, 3] = 7
    files.append(write("labels.nii.gz", labels, np.int16))

    negative = np.zeros((6, 5, 4), np.int16)
    negative[2, 1, 1] = 1
    negative[3, 2, 1] = -1
    negative[1, 4, 3] = -1
    files.append(write("negative.nii.gz", negative, np.int16))

    series = np.zeros((6, 5, 4, 2), np.uint8)
    series[2, 2, 2, 1] = 1
    files.append(write("series-4d.nii.gz", series, np.uint8))
    files.append(write("one-frame-4d.nii.gz", series[..., 1:2], np.uint8))
    files.append(write("series-5d.nii.gz", series.reshape(6, 5, 4, 1, 2), np.uint8))

    real = []
    for path in sorted(glob.glob(os.path.join(SHARED, "lesjak2017", "*", "mask.nii.gz")) +
                       glob.glob(os.path.join(SHARED, "ms3seg", "*", "mask.nii.gz"))):
        img = nib.load(path)
        v = np.asanyarray(img.dataobj).astype(np.float64)
        real.append({
            "file": os.path.relpath(path, SHARED),
            "scl_slope": float(img.dataobj.slope),
            "lesion_voxels": int(np.sum(v > 0.5)),
            "max_distance_from_binary": float(np.minimum(np.abs(v), np.abs(v - 1)).max()),
        })

    with open(os.path.join(FIX, "expected.json"), "w") as f:
        json.dump({"tolerance": TOL, "files": files, "real": real}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
