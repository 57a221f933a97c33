"""CUBA benchmark in Brian2 (Debian python3-brian), the peer of `snn4j bench cuba`.

The network of Brian2's examples/CUBA.py (Vogels & Abbott 2005, Brette et al. 2007): 4000 LIF neurons, 3200
excitatory and 800 inhibitory, 2 % random connectivity, taum 20 ms, taue 5 ms, taui 10 ms, refractory 5 ms,
Vt -50 mV, Vr -60 mV, El -49 mV, we 1.62 mV, wi -9 mV, dt 0.1 ms. Runs in C++ standalone mode, single thread, and
prints the same fields as snn4j's bench; the loop time is the standalone binary's own timing of the network run
(no compilation, no set-up).

Usage: /usr/bin/python3 src/jmh/peers/brian2_cuba.py [--neurons 4000] [--seconds 10] [--dir /tmp/brian2_cuba]
"""
import argparse
import time

from brian2 import (NeuronGroup, Synapses, SpikeMonitor, Network, ms, mV, set_device, device, prefs, defaultclock)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--neurons", type=int, default=4000)
    ap.add_argument("--seconds", type=float, default=10.0)
    ap.add_argument("--dir", default="/tmp/brian2_cuba")
    args = ap.parse_args()

    set_device("cpp_standalone", directory=args.dir, build_on_run=False)
    prefs.devices.cpp_standalone.openmp_threads = 0
    defaultclock.dt = 0.1 * ms

    n = args.neurons
    ne = int(round(0.8 * n))
    p = 0.02 * 4000 / n
    taum, taue, taui = 20 * ms, 5 * ms, 10 * ms
    vt, vr, el = -50 * mV, -60 * mV, -49 * mV
    eqs = """
    dv/dt  = (ge+gi-(v-El))/taum : volt (unless refractory)
    dge/dt = -ge/taue : volt
    dgi/dt = -gi/taui : volt
    """
    group = NeuronGroup(n, eqs, threshold="v>Vt", reset="v = Vr", refractory=5 * ms, method="exact",
                        namespace={"taum": taum, "taue": taue, "taui": taui, "Vt": vt, "Vr": vr, "El": el})
    group.v = "Vr + rand() * (Vt - Vr)"
    group.ge = 0 * mV
    group.gi = 0 * mV
    we = (60 * 0.27 / 10) * mV
    wi = (-20 * 4.5 / 10) * mV
    ce = Synapses(group, group, on_pre="ge += we", namespace={"we": we})
    ci = Synapses(group, group, on_pre="gi += wi", namespace={"wi": wi})
    ce.connect("i<Ne", p=p, namespace={"Ne": ne})
    ci.connect("i>=Ne", p=p, namespace={"Ne": ne})
    spikes = SpikeMonitor(group)
    net = Network(group, ce, ci, spikes)
    net.run(args.seconds * 1000 * ms)
    start = time.time()
    device.build(directory=args.dir, compile=True, run=True, debug=False)
    total = time.time() - start

    count = int(spikes.num_spikes)
    outdeg_e = len(ce) / max(ne, 1)
    outdeg_i = len(ci) / max(n - ne, 1)
    se = int((spikes.i[:] < ne).sum())
    events = se * outdeg_e + (count - se) * outdeg_i
    # the network run's wall time as the standalone binary measured it (excludes compilation and set-up)
    loop = float(device._last_run_time)
    print(f"CUBA benchmark, Brian2 C++ standalone, single thread")
    print(f"neurons              {n} ({ne} excitatory, {n - ne} inhibitory)")
    print(f"synapses             {len(ce) + len(ci)}")
    print(f"simulated            {args.seconds:.3f} s")
    print(f"spikes               {count}")
    print(f"mean rate            {count / (n * args.seconds):.2f} Hz")
    print(f"synaptic events      {int(events)}")
    print(f"loop wall            {loop:.3f} s (the network run as the standalone binary timed it)")
    print(f"build+compile+run    {total:.1f} s")
    print(f"synaptic events/s    {events / float(loop):.4g}")


if __name__ == "__main__":
    main()
