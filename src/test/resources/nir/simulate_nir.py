#!/usr/bin/env python3
"""Independent simulation of a NIR file written by snn4j, with h5py and numpy only.

Reads the graph (nodes, edges, metadata) and runs the CubaLIF nodes with forward Euler at the `dt` in the metadata,
plus the rules NIR cannot express, read from the metadata: spikes reach their targets one tick later, tick 0 only
decays, the membrane is held at v_reset for `refractory_ticks` after a spike, and a neuron spikes when
v > v_threshold - 1e-6 (v > v_threshold where `strict_threshold` is 1). State is float32 as in snn4j. Per tick t:

    v <- v (1 - dt/tau_mem);  I <- I (1 - dt/tau_syn)
    t == 0: stop
    I <- I + (dt/tau_syn) w_in x(t)          x: the node's summed synaptic input from spikes of tick t-1
    v <- v + (dt/tau_mem) (r I + v_leak)
    refractory: v <- v_reset; else spike if v > threshold, v <- v_reset

Prints the spikes as CSV `tick,population,neuron` (neuron = flat index in C-order), sorted by tick, node order of
`lif_nodes`, neuron. Usage: simulate_nir.py FILE.nir INPUT.csv TICKS
"""
import csv
import sys

import h5py
import numpy as np


def text(v):
    return v.decode("utf-8") if isinstance(v, bytes) else str(v)


def conv2d(x, w, stride, pad):
    cin, h, wd = x.shape
    cout, _, kh, kw = w.shape
    xp = np.zeros((cin, h + 2 * pad[0], wd + 2 * pad[1]), dtype=np.float32)
    xp[:, pad[0]:pad[0] + h, pad[1]:pad[1] + wd] = x
    oh = (h + 2 * pad[0] - kh) // stride[0] + 1
    ow = (wd + 2 * pad[1] - kw) // stride[1] + 1
    out = np.zeros((cout, oh, ow), dtype=np.float32)
    for y in range(oh):
        for xx in range(ow):
            patch = xp[:, y * stride[0]:y * stride[0] + kh, xx * stride[1]:xx * stride[1] + kw]
            out[:, y, xx] = np.tensordot(w, patch, axes=([1, 2, 3], [0, 1, 2]))
    return out


def sumpool(x, k, stride):
    c, h, w = x.shape
    oh = (h - k[0]) // stride[0] + 1
    ow = (w - k[1]) // stride[1] + 1
    out = np.zeros((c, oh, ow), dtype=np.float32)
    for y in range(oh):
        for xx in range(ow):
            out[:, y, xx] = x[:, y * stride[0]:y * stride[0] + k[0], xx * stride[1]:xx * stride[1] + k[1]].sum(axis=(1, 2))
    return out


def main(path, input_csv, ticks):
    f = h5py.File(path, "r")
    g = f["node"]
    nodes = {nid: (text(g["nodes"][nid]["type"][()]),
                   {k: np.asarray(g["nodes"][nid][k][()]) for k in g["nodes"][nid] if k != "type"})
             for nid in g["nodes"]}
    edges = [(text(a), text(b)) for a, b in g["edges"][()]]
    meta = g["metadata"]
    dt = float(meta["dt"][()])
    lif = [text(x) for x in meta["lif_nodes"][()]]
    refr = dict(zip(lif, (int(x) for x in meta["refractory_ticks"][()])))
    strict = dict(zip(lif, (int(x) for x in meta["strict_threshold"][()])))
    inp = next(n for n, (t, _) in nodes.items() if t == "Input")
    in_shape = tuple(int(s) for s in nodes[inp][1]["shape"])
    preds = {n: [a for a, b in edges if b == n] for n in nodes}
    spikes = {n: np.zeros(in_shape if n == inp else nodes[n][1]["v_threshold"].shape, dtype=np.float32)
              for n in [inp] + lif}
    state = {}
    for n in lif:
        p = nodes[n][1]
        state[n] = dict(v=np.zeros(p["v_threshold"].shape, dtype=np.float32),
                        i=np.zeros(p["v_threshold"].shape, dtype=np.float32),
                        ref=np.zeros(p["v_threshold"].shape, dtype=np.int64),
                        dmem=(1 - dt / p["tau_mem"]).astype(np.float32),
                        dsyn=(1 - dt / p["tau_syn"]).astype(np.float32),
                        gin=(dt / p["tau_syn"] * p["w_in"]).astype(np.float32),
                        gmem=(dt / p["tau_mem"] * p["r"]).astype(np.float32),
                        leak=(dt / p["tau_mem"] * p["v_leak"]).astype(np.float32),
                        thr=p["v_threshold"] - (0.0 if strict[n] else 1e-6),
                        reset=p["v_reset"].astype(np.float32))
    events = {}
    with open(input_csv) as fh:
        for row in csv.DictReader(fh):
            events.setdefault(int(row["tick"]), []).append(int(row["neuron"]))

    def out_of(n, memo):
        if n in spikes:
            return spikes[n]
        if n in memo:
            return memo[n]
        t, p = nodes[n]
        x = None
        for a in preds[n]:
            y = out_of(a, memo)
            x = y if x is None else x + y
        if t == "Linear":
            y = (p["weight"].astype(np.float32) @ x.reshape(-1)).astype(np.float32)
        elif t == "Conv2d":
            y = conv2d(x, p["weight"].astype(np.float32), p["stride"], p["padding"]) + p["bias"].astype(
                np.float32)[:, None, None]
        elif t == "SumPool2d":
            y = sumpool(x, p["kernel_size"], p["stride"])
        elif t == "Flatten":
            y = x.reshape(-1)
        elif t == "Scale":
            y = x * p["scale"].astype(np.float32)
        else:
            raise ValueError(f"node {n}: type {t} not simulated")
        memo[n] = y
        return y

    rows = []
    for t in range(ticks):
        memo = {}
        inputs = {}
        if t > 0:
            for n in lif:
                x = None
                for a in preds[n]:
                    y = out_of(a, memo)
                    x = y if x is None else x + y
                inputs[n] = x.reshape(spikes[n].shape)
        new = {}
        for n in lif:
            s = state[n]
            s["v"] = (s["v"] * s["dmem"]).astype(np.float32)
            s["i"] = (s["i"] * s["dsyn"]).astype(np.float32)
            if t == 0:
                new[n] = np.zeros_like(spikes[n])
                continue
            s["i"] = (s["i"] + s["gin"] * inputs[n]).astype(np.float32)
            s["v"] = (s["v"] + (s["gmem"] * s["i"] + s["leak"])).astype(np.float32)
            refractory = s["ref"] > 0
            fire = (~refractory) & (s["v"].astype(np.float64) > s["thr"])
            s["v"] = np.where(refractory | fire, s["reset"], s["v"]).astype(np.float32)
            s["ref"] = np.where(refractory, s["ref"] - 1, s["ref"])
            s["ref"] = np.where(fire, refr[n], s["ref"])
            new[n] = fire.astype(np.float32)
            for k in np.flatnonzero(fire.reshape(-1)):
                rows.append((t, lif.index(n), n, int(k)))
        inp_spikes = np.zeros(int(np.prod(in_shape)), dtype=np.float32)
        for k in events.get(t, []):
            inp_spikes[k] = 1
        spikes[inp] = inp_spikes.reshape(in_shape)
        for n in lif:
            spikes[n] = new[n]
    rows.sort()
    w = csv.writer(sys.stdout, lineterminator="\n")
    w.writerow(["tick", "population", "neuron"])
    for t, _, n, k in rows:
        w.writerow([t, n, k])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], int(sys.argv[3])))
