#!/usr/bin/python3
"""Expected values for the NIfTI reader, computed with an independent reader (nibabel).

Run with Debian's python3-nibabel (5.0) and numpy, from the repository root:
    /usr/bin/python3 tools/reference/nifti_reference.py
Writes tests/fixtures/nifti/generated/*.nii[.gz] (small images written by nibabel: every datatype, both byte
orders, scaling, rotated qforms with qfac = -1, sform different from qform, 4D, NIfTI-2) and
tests/fixtures/nifti/expected.json with, per file, what `ies info --json` must report plus the first voxels and
the sum of all voxels after scaling. Paths of the real scans are relative to the repository root
(../shared/data/lesjak2017/...). The project never runs this script; it commits its outputs.
"""
import gzip
import json
import math
import os

import nibabel as nib
import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIX = os.path.join(ROOT, "tests", "fixtures", "nifti")
GEN = os.path.join(FIX, "generated")
REAL = os.path.join(ROOT, "..", "shared", "data", "lesjak2017")


def rotation(ax, ay, az):
    cx, sx, cy, sy, cz, sz = math.cos(ax), math.sin(ax), math.cos(ay), math.sin(ay), math.cos(az), math.sin(az)
    rx = np.array([[1, 0, 0], [0, cx, -sx], [0, sx, cx]])
    ry = np.array([[cy, 0, sy], [0, 1, 0], [-sy, 0, cy]])
    rz = np.array([[cz, -sz, 0], [sz, cz, 0], [0, 0, 1]])
    return rz @ ry @ rx


def generate():
    os.makedirs(GEN, exist_ok=True)
    rng = np.random.default_rng(20261127)
    shape = (5, 4, 3)
    dtypes = ["uint8", "int8", "int16", "uint16", "int32", "uint32", "int64", "float32", "float64"]
    made = []
    for n, dt in enumerate(dtypes):
        for order in "<>":
            info = np.iinfo(dt) if dt[0] in "iu" else None
            if info:
                lo, hi = max(info.min, -1000), min(info.max, 1000)
                data = rng.integers(lo, hi, size=shape, endpoint=True).astype(dt)
            else:
                data = (rng.standard_normal(shape) * 100).astype(dt)
            data = data.astype(np.dtype(dt).newbyteorder(order))
            zooms = (0.8, 1.1, 2.5)
            r = rotation(0.1 * n, -0.05 * n, 0.2)
            aff = np.eye(4)
            aff[:3, :3] = r @ np.diag(zooms)
            if n % 2:
                aff[:3, 2] *= -1  # left-handed: qfac = -1
            aff[:3, 3] = [10.5 - n, -20.25, 30.0 + n]
            hdr = nib.Nifti1Header(endianness=order)
            hdr.set_data_dtype(np.dtype(dt))
            img = nib.Nifti1Image(data, aff, header=hdr)
            img.set_qform(aff, code=1)
            saff = aff.copy()
            saff[:3, 3] += [1.0, 2.0, 3.0]  # sform differs from qform: the reader must pick the sform
            img.set_sform(saff, code=2 if n % 3 else 0)
            name = f"{dt}_{'le' if order == '<' else 'be'}.nii" + (".gz" if n % 2 == 0 else "")
            nib.save(img, os.path.join(GEN, name))
            made.append(name)
    # Scaling: int16 stored with slope and intercept.
    data = np.arange(60, dtype=np.int16).reshape(shape, order="F") - 20
    img = nib.Nifti1Image(data, np.diag([2.0, 2.0, 2.0, 1.0]))
    img.header.set_data_dtype(np.int16)
    img.header.set_slope_inter(0.5, -3.0)
    img.set_qform(np.diag([2.0, 2.0, 2.0, 1.0]), code=1)
    nib.save(img, os.path.join(GEN, "int16_scaled.nii.gz"))
    made.append("int16_scaled.nii.gz")
    # 4D float32, NIfTI-2, big-endian.
    data = rng.standard_normal((4, 3, 2, 3)).astype(">f4")
    aff = np.array([[-1.5, 0, 0, 3], [0, 1.5, 0, -4], [0, 0, 3, 5], [0, 0, 0, 1]])
    hdr = nib.Nifti2Header(endianness=">")
    hdr.set_data_dtype(np.float32)
    img = nib.Nifti2Image(data, aff, header=hdr)
    nib.save(img, os.path.join(GEN, "float32_4d_nifti2_be.nii"))
    made.append("float32_4d_nifti2_be.nii")
    # Neither qform nor sform: affine from pixdim.
    img = nib.Nifti1Image(np.ones((3, 4, 5), dtype=np.uint8), None)
    img.header.set_zooms((1.5, 2.0, 2.5))
    img.set_qform(None, code=0)
    img.set_sform(None, code=0)
    nib.save(img, os.path.join(GEN, "uint8_pixdim_only.nii"))
    made.append("uint8_pixdim_only.nii")
    # Multi-member gzip: the same .nii compressed in two gzip members.
    raw = open(os.path.join(GEN, "uint8_pixdim_only.nii"), "rb").read()
    with open(os.path.join(GEN, "uint8_multimember.nii.gz"), "wb") as f:
        f.write(gzip.compress(raw[:200]) + gzip.compress(raw[200:]))
    made.append("uint8_multimember.nii.gz")
    return made


def num(v):
    v = float(v)
    return None if math.isnan(v) else v


def describe(path):
    if path.endswith(".dconn.nii"):
        img = nib.Nifti2Image.from_filename(path)
    else:
        img = nib.load(path)
    # The image's own header has its scaling consumed on load; read the stored one for scl_* and byte order.
    with nib.openers.ImageOpener(path) as f:
        h = type(img.header).from_fileobj(f)
    fmt = "nifti2" if isinstance(h, nib.Nifti2Header) else "nifti1"
    ndim = int(h["dim"][0])
    data = np.asanyarray(img.dataobj).astype(np.float64)  # applies scl_slope/scl_inter like get_fdata
    flat = data.reshape(-1, order="F")
    sform_code, qform_code = int(h["sform_code"]), int(h["qform_code"])
    source = "sform" if sform_code > 0 else "qform" if qform_code > 0 else "pixdim"
    return {
        "format": fmt,
        "dims": [int(d) for d in h["dim"][1:ndim + 1]],
        "pixdim": [float(p) for p in h["pixdim"][1:ndim + 1]],
        "datatype": str(img.get_data_dtype().newbyteorder("=").name),
        "byte_order": "big" if h.endianness == ">" else "little",
        "scl_slope": num(h["scl_slope"]),
        "scl_inter": num(h["scl_inter"]),
        "qform_code": qform_code,
        "sform_code": sform_code,
        "affine": [[float(x) for x in row] for row in img.affine],
        "affine_source": source,
        "orientation": "".join(nib.aff2axcodes(img.affine)),
        "min": num(np.nanmin(flat)),
        "max": num(np.nanmax(flat)),
        "mean": num(np.nanmean(flat)),
        "nonzero": int(np.count_nonzero(flat)),
        "first_voxels": [num(x) for x in flat[:12]],  # NaN voxels as null
        "sum": float(np.nansum(flat)),
    }


def main():
    made = generate()
    expected = {}
    for name in made:
        expected["generated/" + name] = describe(os.path.join(GEN, name))
    for name in sorted(os.listdir(os.path.join(FIX, "nibabel"))):
        if name.endswith((".nii", ".nii.gz")):
            expected["nibabel/" + name] = describe(os.path.join(FIX, "nibabel", name))
    for case in ["patient07", "patient19", "patient26"]:
        for f in ["flair.nii.gz", "t1.nii.gz", "mask.nii.gz"]:
            expected[f"../shared/data/lesjak2017/{case}/{f}"] = describe(os.path.join(REAL, case, f))
    with open(os.path.join(FIX, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1, sort_keys=True)
    print(f"wrote {len(expected)} expectations")


if __name__ == "__main__":
    main()
