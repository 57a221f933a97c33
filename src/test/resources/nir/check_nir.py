#!/usr/bin/env python3
"""Independent check of a NIR file written by snn4j, with h5py only (no nir package).

Verifies the HDF5 layout of a NIR graph (formats.md 2.2, 2.3): root `version`, group `node` of type NIRGraph with
`nodes/`, `edges` (E x 2 strings) and optional `metadata/`; every node's `type` is in the catalogue and its group holds
exactly the catalogue's datasets (plus an optional `metadata` group); dtypes (float arrays, int64 shapes and sizes);
dataset shapes; edges naming existing nodes; and shape inference along the edges (PyTorch conventions, no batch
dimension). Prints the node list as `id type dataset:shape:dtype ...` and the edges. Exit status 0 when the file
passes, 1 with one line per problem otherwise.

Usage: check_nir.py FILE.nir
"""
import sys

import h5py
import numpy as np

CATALOGUE = {
    "Input": {"shape"},
    "Output": {"shape"},
    "Affine": {"weight", "bias"},
    "Linear": {"weight"},
    "Scale": {"scale"},
    "Conv2d": {"weight", "bias", "stride", "padding", "dilation", "groups", "input_shape"},
    "SumPool2d": {"kernel_size", "stride", "padding"},
    "AvgPool2d": {"kernel_size", "stride", "padding"},
    "Flatten": {"start_dim", "end_dim", "input_type"},
    "LIF": {"tau", "r", "v_leak", "v_threshold", "v_reset"},
    "CubaLIF": {"tau_syn", "tau_mem", "r", "v_leak", "v_threshold", "v_reset", "w_in"},
    "IF": {"r", "v_threshold", "v_reset"},
}
INT_FIELDS = {"shape", "stride", "padding", "dilation", "groups", "input_shape", "kernel_size", "start_dim",
              "end_dim", "input_type"}


def text(ds):
    v = ds[()]
    return v.decode("utf-8") if isinstance(v, bytes) else str(v)


def main(path):
    problems = []
    f = h5py.File(path, "r")
    if "version" not in f or f["version"].shape != ():
        problems.append("root: scalar dataset 'version' missing")
    g = f.get("node")
    if g is None or text(g["type"]) != "NIRGraph":
        print("root: group 'node' of type NIRGraph missing")
        return 1
    nodes = g["nodes"]
    shapes_in = {}
    info = {}
    for nid in nodes:
        n = nodes[nid]
        t = text(n["type"])
        expected = CATALOGUE.get(t)
        if expected is None:
            problems.append(f"node {nid}: type {t} not in the catalogue")
            continue
        got = {k for k in n.keys() if k not in ("type", "metadata")}
        if got != expected:
            problems.append(f"node {nid} ({t}): datasets {sorted(got)}, expected {sorted(expected)}")
        if len(n.attrs) > 0:
            problems.append(f"node {nid}: has attributes {list(n.attrs)}; parameters must be datasets")
        for k in got:
            d = n[k]
            if not isinstance(d, h5py.Dataset):
                problems.append(f"node {nid}: {k} is not a dataset")
                continue
            if d.size == 0:
                problems.append(f"node {nid}: {k} is empty")
            if k in INT_FIELDS:
                if d.dtype != np.int64:
                    problems.append(f"node {nid}: {k} has dtype {d.dtype}, expected int64")
            elif d.dtype not in (np.float32, np.float64):
                problems.append(f"node {nid}: {k} has dtype {d.dtype}, expected float32 or float64")
        info[nid] = (t, {k: np.asarray(n[k][()]) for k in got if isinstance(n[k], h5py.Dataset)})
    edges = [(a.decode() if isinstance(a, bytes) else a, b.decode() if isinstance(b, bytes) else b)
             for a, b in g["edges"][()]]
    if g["edges"].ndim != 2 or g["edges"].shape[1] != 2:
        problems.append(f"edges: shape {g['edges'].shape}, expected (E, 2)")
    for a, b in edges:
        for x in (a, b):
            if x not in info:
                problems.append(f"edge ({a}, {b}): no node {x}")
    # shape inference in topological order (cycles allowed: a node's shape comes from any resolved predecessor)
    out_shape = {}
    for nid, (t, d) in info.items():
        if t == "Input":
            out_shape[nid] = tuple(int(x) for x in d["shape"])
    changed = True
    while changed:
        changed = False
        for nid, (t, d) in info.items():
            if nid in out_shape:
                continue
            preds = [a for a, b in edges if b == nid and a in out_shape]
            if not preds:
                continue
            ins = {out_shape[a] for a in preds}
            if len(ins) != 1:
                problems.append(f"node {nid} ({t}): inputs of different shapes {sorted(ins)}")
            s = preds and out_shape[preds[0]]
            shapes_in[nid] = s
            try:
                out_shape[nid] = infer(t, d, s)
            except ValueError as e:
                problems.append(f"node {nid} ({t}): {e}")
                out_shape[nid] = s
            changed = True
    for nid, (t, d) in info.items():
        if nid not in out_shape:
            problems.append(f"node {nid} ({t}): not reachable from the Input")
        if t != "Input" and not any(b == nid for a, b in edges):
            problems.append(f"node {nid} ({t}): no incoming edge")
    # late check of recurrent inputs (e.g. lateral Linear output -> LIF)
    for a, b in edges:
        if a in out_shape and b in shapes_in and out_shape[a] != shapes_in[b]:
            problems.append(f"edge ({a}, {b}): shape {out_shape[a]} into a node expecting {shapes_in[b]}")
    print(f"NIR file {path}: version {text(f['version'])}, {len(info)} nodes, {len(edges)} edges")
    for nid, (t, d) in info.items():
        ds = " ".join(f"{k}:{tuple(v.shape)}:{v.dtype}" for k, v in sorted(d.items()))
        print(f"  {nid:28s} {t:10s} in={shapes_in.get(nid, '-')} out={out_shape.get(nid, '-')}  {ds}")
    print("  edges: " + ", ".join(f"({a}, {b})" for a, b in edges))
    if "metadata" in g:
        print("  metadata: " + ", ".join(sorted(g["metadata"].keys())))
    for p in problems:
        print("PROBLEM " + p)
    return 1 if problems else 0


def infer(t, d, s):
    if t in ("Output",):
        if tuple(int(x) for x in d["shape"]) != tuple(s):
            raise ValueError(f"shape {tuple(d['shape'])} but input {s}")
        return s
    if t in ("Linear", "Affine"):
        w = d["weight"]
        if w.ndim != 2 or tuple(s) != (w.shape[1],):
            raise ValueError(f"weight {w.shape} does not take input {s}")
        if t == "Affine" and d["bias"].shape != (w.shape[0],):
            raise ValueError(f"bias {d['bias'].shape}, expected ({w.shape[0]},)")
        return (w.shape[0],)
    if t == "Conv2d":
        w = d["weight"]
        if w.ndim != 4 or len(s) != 3 or s[0] != w.shape[1]:
            raise ValueError(f"weight {w.shape} does not take input {s}")
        if tuple(int(x) for x in d["input_shape"]) != tuple(s[1:]):
            raise ValueError(f"input_shape {tuple(d['input_shape'])} but input {s}")
        if d["bias"].shape != (w.shape[0],):
            raise ValueError(f"bias {d['bias'].shape}, expected ({w.shape[0]},)")
        st, pd, dl = d["stride"], d["padding"], d["dilation"]
        h = (s[1] + 2 * pd[0] - dl[0] * (w.shape[2] - 1) - 1) // st[0] + 1
        wd = (s[2] + 2 * pd[1] - dl[1] * (w.shape[3] - 1) - 1) // st[1] + 1
        return (w.shape[0], int(h), int(wd))
    if t in ("SumPool2d", "AvgPool2d"):
        k, st, pd = d["kernel_size"], d["stride"], d["padding"]
        if len(s) != 3:
            raise ValueError(f"input {s} is not (C, H, W)")
        return (s[0], int((s[1] + 2 * pd[0] - k[0]) // st[0] + 1), int((s[2] + 2 * pd[1] - k[1]) // st[1] + 1))
    if t == "Flatten":
        if tuple(int(x) for x in d["input_type"]) != tuple(s):
            raise ValueError(f"input_type {tuple(d['input_type'])} but input {s}")
        sd, ed = int(d["start_dim"]), int(d["end_dim"])
        ed = ed if ed >= 0 else len(s) + ed
        return tuple(s[:sd]) + (int(np.prod(s[sd:ed + 1])),) + tuple(s[ed + 1:])
    if t == "Scale":
        if d["scale"].shape != tuple(s):
            raise ValueError(f"scale {d['scale'].shape} but input {s}")
        return s
    # neurons: every parameter has the layer shape
    shapes = {v.shape for v in d.values()}
    if shapes != {tuple(s)}:
        raise ValueError(f"parameter shapes {sorted(shapes)} but input {s}")
    return s


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
