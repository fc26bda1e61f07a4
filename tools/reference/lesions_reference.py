#!/usr/bin/python3
"""Independent reference values for issue 3 (lesion instances, morphology, distances, metrics).

Computes, with scipy.ndimage and nibabel, the expected values that tests/InstanceSaliency.Imaging.Tests/Morphology
and tests/InstanceSaliency.Lesions.Tests compare against, and writes them to tests/fixtures/lesions/*.json.

Run from the repository root:  /usr/bin/python3 tools/reference/lesions_reference.py
Needs Debian's python3-numpy, python3-scipy and python3-nibabel; the real masks are read from
../shared/data/lesjak2017/patient{07,19,26}/mask.nii.gz. Output is deterministic (seeded generators).

Axis order: arrays here are indexed a[i, j, k] like the NIfTI voxel (i, j, k). The C# buffers are in NIfTI storage
order (i fastest), which is numpy's Fortran order of such an array, so every buffer is written with
ravel(order="F") and read back with reshape(shape, order="F"). Lesion ids follow cli-contract.md: components are
numbered by their first voxel in that order, so scipy's labels (numbered in C order) are renumbered.

Encodings in the JSON: binary masks = base64 of np.packbits(mask.ravel("F"), bitorder="little");
labels = base64 of little-endian uint16; distances = base64 of little-endian float64.
"""
import base64
import json
import os
import sys

import nibabel as nib
import numpy as np
from scipy import ndimage

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "tests", "fixtures", "lesions")
REAL = os.path.abspath(os.path.join(ROOT, "..", "shared", "data", "lesjak2017"))
RANK = {6: 1, 18: 2, 26: 3}
NDSC_R = 0.001


def b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def pack_mask(mask):
    return b64(np.packbits(mask.astype(bool).ravel(order="F"), bitorder="little").tobytes())


def structure(connectivity):
    return ndimage.generate_binary_structure(3, RANK[connectivity])


def label_contract(mask, connectivity):
    """scipy.ndimage.label renumbered so ids follow the first voxel in Fortran (NIfTI) order."""
    labels, n = ndimage.label(mask, structure=structure(connectivity))
    flat = labels.ravel(order="F")
    ids, first = np.unique(flat, return_index=True)
    keep = ids != 0
    old_in_order = ids[keep][np.argsort(first[keep], kind="stable")]
    mapping = np.zeros(n + 1, dtype=np.int64)
    mapping[old_in_order] = np.arange(1, n + 1)
    relabelled = mapping[labels]
    sizes = np.bincount(relabelled.ravel(), minlength=n + 1)[1:]
    return relabelled, n, sizes


def clear_and_place(mask, rng, offset):
    """Two 2×2×2 cubes touching only through `offset` (face, edge or corner), in a cleared 8×8×8 region."""
    shape = np.array(mask.shape)
    p = np.array([rng.integers(0, s - 7) for s in shape])
    mask[p[0]:p[0] + 8, p[1]:p[1] + 8, p[2]:p[2] + 8] = False
    a = p + 1
    b = a + np.array(offset)
    mask[a[0]:a[0] + 2, a[1]:a[1] + 2, a[2]:a[2] + 2] = True
    mask[b[0]:b[0] + 2, b[1]:b[1] + 2, b[2]:b[2] + 2] = True


def random_mask(seed, shape, blobs, noise, contacts=True):
    """Ellipsoid blobs + salt noise (many diagonal contacts) + one cube pair each touching by face, edge, corner."""
    rng = np.random.default_rng(seed)
    mask = np.zeros(shape, dtype=bool)
    grid = np.indices(shape).astype(float)
    for _ in range(blobs):
        centre = [rng.uniform(0, s) for s in shape]
        radii = rng.uniform(0.6, 2.6, size=3)
        d = sum(((grid[a] - centre[a]) / radii[a]) ** 2 for a in range(3))
        mask |= d <= 1
    mask |= rng.random(shape) < noise
    if contacts and min(shape) >= 8:
        for offset in [(2, 0, 0), (2, 2, 0), (2, 2, 2)]:
            clear_and_place(mask, rng, offset)
    return mask


def labelling_cases():
    cases = []
    specs = [("blobs_13x11x9", 11, (13, 11, 9), 6, 0.05),
             ("blobs_16x12x10", 12, (16, 12, 10), 9, 0.08),
             ("noise_9x14x12", 13, (9, 14, 12), 3, 0.22),
             ("thin_20x18x6", 14, (20, 18, 6), 12, 0.10),
             ("line_31x1x1", 15, (31, 1, 1), 0, 0.45)]
    for name, seed, shape, blobs, noise in specs:
        mask = random_mask(seed, shape, blobs, noise, contacts=min(shape) >= 8)
        results = {}
        for c in (6, 18, 26):
            labels, n, sizes = label_contract(mask, c)
            results[str(c)] = {"count": int(n), "sizes": [int(s) for s in sizes],
                               "labels": b64(labels.ravel(order="F").astype("<u2").tobytes())}
        cases.append({"name": name, "shape": list(shape), "mask": pack_mask(mask), "results": results})
    return cases


def dilation_cases():
    cases = []
    for name, seed, shape, blobs, noise in [("sparse_12x10x9", 21, (12, 10, 9), 2, 0.01),
                                              ("blobs_10x13x8", 22, (10, 13, 8), 4, 0.02)]:
        mask = random_mask(seed, shape, blobs, noise, contacts=False)
        results = []
        for c in (6, 18, 26):
            for iterations in (1, 2, 3):
                dilated = ndimage.binary_dilation(mask, structure=structure(c), iterations=iterations)
                results.append({"connectivity": c, "iterations": iterations, "dilated": pack_mask(dilated)})
        cases.append({"name": name, "shape": list(shape), "mask": pack_mask(mask), "results": results})
    return cases


def edt_cases():
    cases = []
    for name, seed, shape, spacing, blobs, noise in [
            ("aniso_0.8_1.0_2.5", 31, (14, 12, 10), (0.8, 1.0, 2.5), 2, 0.004),
            ("aniso_2.0_0.5_1.2", 32, (11, 15, 9), (2.0, 0.5, 1.2), 1, 0.003),
            ("iso_1", 33, (12, 12, 12), (1.0, 1.0, 1.0), 3, 0.0)]:
        mask = random_mask(seed, shape, blobs, noise, contacts=False)
        if not mask.any():
            mask[shape[0] // 2, shape[1] // 2, shape[2] // 2] = True
        distances = ndimage.distance_transform_edt(~mask, sampling=spacing)
        cases.append({"name": name, "shape": list(shape), "spacing": list(spacing), "mask": pack_mask(mask),
                      "distances": b64(distances.ravel(order="F").astype("<f8").tobytes())})
    return cases


def instances(mask, connectivity, min_size, affine, first_id=1):
    """Per-component dicts in contract order (min size applied)."""
    labels, n, sizes = label_contract(mask, connectivity)
    voxel_volume = float(np.prod(np.linalg.norm(affine[:3, :3], axis=0)))
    out, kept = [], np.zeros_like(mask, dtype=bool)
    for old in range(1, n + 1):
        if sizes[old - 1] < min_size:
            continue
        comp = labels == old
        kept |= comp
        coords = np.array(np.nonzero(comp), dtype=float)
        centroid = coords.mean(axis=1)
        world = affine @ np.append(centroid, 1.0)
        out.append({"id": first_id + len(out), "voxels": int(comp.sum()), "volume_mm3": comp.sum() * voxel_volume,
                    "centroid_vox": centroid.tolist(), "centroid_mm": world[:3].tolist(),
                    "first_voxel": int(np.flatnonzero(comp.ravel(order="F"))[0]), "_mask": comp})
    return out


def ratio(a, b):
    return None if b == 0 else a / b


def match(pred, truth, connectivity, min_size, affine):
    """method.md §3; FN decided by the predicted mask before min-size filtering. The metrics count every
    component (min-size 1) whatever min_size lists (the project's one lesion-count convention, issue 18)."""
    lesions = instances(pred, connectivity, min_size, affine)
    for lesion in lesions:
        lesion["type"] = "TP" if (lesion["_mask"] & truth).any() else "FP"
    gt = instances(truth, connectivity, 1, affine)
    missed = [g for g in gt if not (g["_mask"] & pred).any()]
    for n, m in enumerate(missed):
        m["id"] = len(lesions) + n + 1
        m["type"] = "FN"
    tp_v = int((pred & truth).sum()); fp_v = int((pred & ~truth).sum()); fn_v = int((~pred & truth).sum())
    g, v = int(truth.sum()), truth.size
    dice = 1.0 if 2 * tp_v + fp_v + fn_v == 0 else 2 * tp_v / (2 * tp_v + fp_v + fn_v)
    if g == 0 and fp_v == 0:
        ndsc = 1.0
    else:
        k = 1.0 if g == 0 else (1 - NDSC_R) * g / (NDSC_R * (v - g))
        ndsc = 2 * tp_v / (k * fp_v + 2 * tp_v + fn_v)
    every = instances(pred, connectivity, 1, affine)
    tp = sum(bool((l["_mask"] & truth).any()) for l in every); fp = len(every) - tp; fn = len(missed)
    metrics = {"dice": dice, "ndsc": ndsc, "tp": tp, "fp": fp, "fn": fn, "tpr": ratio(tp, tp + fn),
               "ppv": ratio(tp, tp + fp), "fdr": ratio(fp, tp + fp), "f1": ratio(2 * tp, 2 * tp + fp + fn)}
    strip = lambda items: [{k: v for k, v in d.items() if not k.startswith("_")} for d in items]
    return {"lesions": strip(lesions), "missed": strip(missed), "metrics": metrics}


def matching_cases():
    affine = np.array([[-0.8, 0, 0, 90.0], [0, 1.0, 0, -126.0], [0, 0, 2.5, -72.0], [0, 0, 0, 1]])
    cases = []
    for name, seed, shape, connectivity, min_size in [("c18_min1", 41, (16, 14, 10), 18, 1),
                                                      ("c6_min3", 42, (16, 14, 10), 6, 3),
                                                      ("c26_min2", 43, (12, 16, 11), 26, 2)]:
        truth = random_mask(seed, shape, 7, 0.01, contacts=False)
        rng = np.random.default_rng(seed + 100)
        # A prediction that finds some lesions, misses others and adds false ones: the truth shifted by one
        # voxel in a random direction, half of it erased, plus noise.
        shifted = np.roll(truth, shift=tuple(rng.integers(-1, 2, size=3)), axis=(0, 1, 2))
        keep = rng.random(shape) < 0.5
        pred = (shifted & ndimage.binary_dilation(keep, iterations=2)) | (rng.random(shape) < 0.01)
        expected = match(pred, truth, connectivity, min_size, affine)
        cases.append({"name": name, "shape": list(shape), "affine": affine.ravel().tolist(),
                      "connectivity": connectivity, "min_size": min_size,
                      "prediction": pack_mask(pred), "truth": pack_mask(truth), "expected": expected})
    return cases


def free_cubes(occupied, count, size=3, margin=3, seed=0):
    rng = np.random.default_rng(seed)
    cubes = []
    occupied = occupied.copy()
    while len(cubes) < count:
        p = [int(rng.integers(margin, s - size - margin)) for s in occupied.shape]
        region = occupied[p[0] - margin:p[0] + size + margin, p[1] - margin:p[1] + size + margin,
                          p[2] - margin:p[2] + size + margin]
        if not region.any():
            cubes.append(p)
            occupied[p[0]:p[0] + size, p[1]:p[1] + size, p[2]:p[2] + size] = True
    return cubes


def real_cases():
    cases = {}
    for patient in ("patient07", "patient19", "patient26"):
        image = nib.load(os.path.join(REAL, patient, "mask.nii.gz"))
        mask = np.asarray(image.dataobj) > 0.5
        affine = image.affine
        case = {"shape": list(mask.shape), "foreground": int(mask.sum()), "connectivity": {}}
        for c in (6, 18, 26):
            _, n, sizes = label_contract(mask, c)
            case["connectivity"][str(c)] = {"count": int(n), "sizes_descending": sorted((int(s) for s in sizes), reverse=True)}
        # Derived 1: the mask dilated once with the 6-element, scored against the mask.
        dilated = ndimage.binary_dilation(mask, structure=structure(6), iterations=1)
        m = match(dilated, mask, 18, 1, affine)["metrics"]
        case["dilated6_vs_mask"] = {"dice": m["dice"], "ndsc": m["ndsc"], "tp": m["tp"], "fp": m["fp"], "fn": m["fn"]}
        # Derived 2: shifted by +2 voxels along i (zero fill), odd 18-components only, three 3×3×3 cubes added.
        shifted = np.zeros_like(mask)
        shifted[2:, :, :] = mask[:-2, :, :]
        labels, _, _ = label_contract(shifted, 18)
        pred = (labels % 2) == 1
        cubes = free_cubes(pred | mask, 3, seed=int(patient[-2:]))
        for p in cubes:
            pred[p[0]:p[0] + 3, p[1]:p[1] + 3, p[2]:p[2] + 3] = True
        derived = {"shift_i": 2, "keep": "odd 18-component ids", "cubes": cubes, "cube_size": 3, "results": {}}
        for min_size in (1, 6):
            r = match(pred, mask, 18, min_size, affine)
            derived["results"][str(min_size)] = {"metrics": r["metrics"], "lesion_count": len(r["lesions"]),
                                                 "missed_ids": [x["id"] for x in r["missed"]],
                                                 "missed_voxels": [x["voxels"] for x in r["missed"]]}
        case["shifted_odd_plus_cubes_vs_mask"] = derived
        cases[patient] = case
    return cases


def write(name, payload):
    with open(os.path.join(OUT, name), "w") as f:
        json.dump(payload, f, separators=(",", ":"))
        f.write("\n")


def main():
    os.makedirs(OUT, exist_ok=True)
    meta = {"script": "tools/reference/lesions_reference.py", "numpy": np.__version__,
            "scipy": sys.modules["scipy"].__version__, "nibabel": nib.__version__}
    write("labelling.json", {"generated_by": meta, "cases": labelling_cases()})
    write("dilation.json", {"generated_by": meta, "cases": dilation_cases()})
    write("edt.json", {"generated_by": meta, "cases": edt_cases()})
    write("matching.json", {"generated_by": meta, "cases": matching_cases()})
    write("real_masks.json", {"generated_by": meta, "cases": real_cases()})


if __name__ == "__main__":
    main()
