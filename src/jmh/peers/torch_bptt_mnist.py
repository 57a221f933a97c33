"""Surrogate-gradient BPTT on rate-coded MNIST in PyTorch (Debian python3-torch), the peer of snn4j's HM2-BP trainer.

Network of the same size as snn4j's mnist-mlp: 784-800-10 LIF neurons with current synapses, discrete in ticks:

    i <- i * (1 - 1/tau_s) + W x          synaptic current (x: input spikes of this tick)
    v <- v * (1 - 1/tau_m) + i / tau_s    membrane
    spike if v >= threshold, then v <- 0  (no refractory period)

tau_m 64, tau_s 8, thresholds 20 (hidden) and 8 (output), the HM2-BP set-up's values, kept: with the initial weights
and learning rate below they learn. No bias. The spike is a Heaviside
step forward and a fast sigmoid backward, d s / d v = 1 / (threshold * (1 + slope * |v - threshold| / threshold)^2);
the reset is left out of the gradient (detached), as is usual for this kind of BPTT.

Input: each pixel is a Bernoulli spike source, P(spike at a tick) = pixel / (5.5 * 255), drawn from a seeded torch
generator (the same law as snn4j's RateEncoder; not the same random stream). Loss: cross-entropy on the output spike
counts (logits = counts / --temp), or --loss mse: mean squared error to target counts 35 (label) and 5 (others) for
T = 50, scaled by T / 50. Adam, lr 1e-2 (--lr) annealed to 0 along a cosine over the epoch's batches, initial
weights uniform with standard deviation 24 / sqrt(fan_in) (--init 3). One epoch over the 60,000 training images,
shuffled with the seed (--limit N: the first N, shuffled), then the test accuracy on the 10,000 test images (the
class with the most output spikes, ties to the lowest index).

The samples/s figure is the training samples over the wall time of the epoch loop only (input encoding, forward,
backward and the optimiser step; not the reading of the files, not the test).

Usage (from the repository root):
    /usr/bin/python3 src/jmh/peers/torch_bptt_mnist.py [--ticks 50] [--batch 64] [--threads 2] [--limit N]
        [--data DIR] [--seed 1] [--lr 1e-2] [--init 3] [--loss ce|mse] [--temp 5] [--test-limit N]
--data defaults to ../shared/datasets/mnist beside the repository (train-images-idx3-ubyte.gz and friends).
"""
import argparse
import gzip
import os
import platform
import struct
import time

# Idle OpenMP workers sleep instead of spinning (read when libgomp loads, so before torch is imported). On cores shared
# with other work the default spinning made every small tensor operation wait for a descheduled worker: 31 samples/s
# instead of ~200 at T = 50 on this project's 2-core machine under a load of 4 to 6. Set OMP_WAIT_POLICY to override.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import numpy as np  # noqa: E402
import torch  # noqa: E402

TAU_M = 64.0
TAU_S = 8.0
TH_HIDDEN = 20.0
TH_OUT = 8.0
MAX_P = 1.0 / 5.5


def read_idx(path):
    """An IDX file (gzipped) as a numpy array of unsigned bytes in its own shape."""
    with gzip.open(path, "rb") as f:
        data = f.read()
    zero, dtype, ndim = struct.unpack(">HBB", data[:4])
    if zero != 0 or dtype != 0x08:
        raise ValueError(f"{path}: not an unsigned-byte IDX file")
    shape = struct.unpack(">" + "I" * ndim, data[4:4 + 4 * ndim])
    arr = np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim)
    if arr.size != int(np.prod(shape)):
        raise ValueError(f"{path}: {arr.size} bytes of data for shape {shape}")
    return arr.reshape(shape)


def load(data_dir, split):
    prefix = "train" if split == "train" else "t10k"
    images = read_idx(os.path.join(data_dir, f"{prefix}-images-idx3-ubyte.gz"))
    labels = read_idx(os.path.join(data_dir, f"{prefix}-labels-idx1-ubyte.gz"))
    if images.shape[0] != labels.shape[0]:
        raise ValueError(f"{split}: {images.shape[0]} images but {labels.shape[0]} labels")
    return (torch.from_numpy(images.reshape(images.shape[0], -1).astype(np.float32)),
            torch.from_numpy(labels.astype(np.int64)))


class LifLayer(torch.autograd.Function):
    """One LIF layer over all ticks, with a hand-written BPTT backward (fewer, in-place tensor operations than the
    autograd graph of the tick loop; the same gradient).

    Forward, per tick t: i_t = a_s i_{t-1} + d_t; v_t = a_m r_{t-1} + i_t / tau_s; s_t = H(v_t - th);
    r_t = v_t (1 - s_t) (the membrane after the reset). Backward, with the reset detached (d r_t / d v_t = 1 - s_t) and
    the fast-sigmoid surrogate g_t = 1 / (th (1 + k |v_t - th| / th)^2) for d s_t / d v_t:
        dv_t = ds_t g_t + a_m (1 - s_t) dv_{t+1};  di_t = dv_t / tau_s + a_s di_{t+1};  dd_t = di_t.
    """
    slope = 5.0

    @staticmethod
    def forward(ctx, drive, threshold):
        a_s = 1.0 - 1.0 / TAU_S
        a_m = 1.0 - 1.0 / TAU_M
        ticks = drive.shape[0]
        i = torch.zeros_like(drive[0])
        v = torch.zeros_like(drive[0])
        vs = torch.empty_like(drive)
        out = torch.empty_like(drive)
        for t in range(ticks):
            i.mul_(a_s).add_(drive[t])
            v.mul_(a_m).add_(i, alpha=1.0 / TAU_S)
            vs[t].copy_(v)
            s = v >= threshold
            out[t].copy_(s)
            v.masked_fill_(s, 0.0)
        # Surrogate derivative for all ticks at once, kept instead of the membrane.
        vs.sub_(threshold).abs_().mul_(LifLayer.slope / threshold).add_(1.0).square_().mul_(threshold).reciprocal_()
        ctx.save_for_backward(vs, out)
        return out

    @staticmethod
    def backward(ctx, grad_out):
        surrogate, out = ctx.saved_tensors
        a_s = 1.0 - 1.0 / TAU_S
        a_m = 1.0 - 1.0 / TAU_M
        ticks = grad_out.shape[0]
        keep = (1.0 - out).mul_(a_m)          # a_m (1 - s_t)
        grad_in = torch.empty_like(grad_out)
        dv = torch.zeros_like(grad_out[0])
        di = torch.zeros_like(grad_out[0])
        for t in range(ticks - 1, -1, -1):
            dv.mul_(keep[t]).addcmul_(grad_out[t], surrogate[t])
            di.mul_(a_s).add_(dv, alpha=1.0 / TAU_S)
            grad_in[t].copy_(di)
        return grad_in, None


def lif_layer(drive, threshold):
    """drive: (T, B, N) weighted input spikes per tick; returns the (T, B, N) output spikes."""
    return LifLayer.apply(drive.contiguous(), threshold)


class Net(torch.nn.Module):
    def __init__(self, n_in=784, n_hidden=800, n_out=10, w_scale=1.0):
        super().__init__()
        self.w1 = torch.nn.Parameter(torch.empty(n_in, n_hidden))
        self.w2 = torch.nn.Parameter(torch.empty(n_hidden, n_out))
        # Uniform in +-w_scale * 8 * sqrt(3 / fan_in) (standard deviation w_scale * 8 / sqrt(fan_in)), large enough
        # for the layers to fire from the first batch on.
        torch.nn.init.uniform_(self.w1, -1.0, 1.0)
        torch.nn.init.uniform_(self.w2, -1.0, 1.0)
        with torch.no_grad():
            self.w1.mul_(w_scale * 8.0 * (3.0 / n_in) ** 0.5)
            self.w2.mul_(w_scale * 8.0 * (3.0 / n_hidden) ** 0.5)

    def forward(self, x):
        """x: (T, B, 784) input spikes; returns the (B, 10) output spike counts and the mean hidden rate."""
        ticks, batch, _ = x.shape
        h = lif_layer((x.reshape(ticks * batch, -1) @ self.w1).reshape(ticks, batch, -1), TH_HIDDEN)
        o = lif_layer((h.reshape(ticks * batch, -1) @ self.w2).reshape(ticks, batch, -1), TH_OUT)
        return o.sum(0), h.detach().mean()


def encode(pixels, ticks, gen):
    """(B, 784) pixel values 0..255 to (T, B, 784) Bernoulli spikes with P = pixel / (5.5 * 255) per tick."""
    p = pixels * (MAX_P / 255.0)
    r = torch.rand((ticks,) + tuple(pixels.shape), generator=gen)
    return (r < p).to(torch.float32)


def loss_of(counts, labels, args):
    if args.loss == "ce":
        return torch.nn.functional.cross_entropy(counts / args.temp, labels)
    scale = args.ticks / 50.0
    target = torch.full_like(counts, 5.0 * scale)
    target[torch.arange(counts.shape[0]), labels] = 35.0 * scale
    return ((counts - target) ** 2).mean()


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.normpath(os.path.join(here, "..", "..", ".."))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--ticks", type=int, default=50, help="ticks per sample, T (50 or 100)")
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--limit", type=int, default=0, help="train on the first N samples only (0: all 60,000)")
    ap.add_argument("--test-limit", type=int, default=0, help="test on the first N test samples only (0: all)")
    ap.add_argument("--data", default=os.path.join(repo, "..", "shared", "datasets", "mnist"))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--lr", type=float, default=1e-2, help="Adam learning rate at the start of the cosine schedule")
    ap.add_argument("--loss", choices=["ce", "mse"], default="ce")
    ap.add_argument("--temp", type=float, default=5.0, help="cross-entropy logits are counts / temp")
    ap.add_argument("--init", type=float, default=3.0, help="scale of the initial weights")
    ap.add_argument("--report-every", type=int, default=100, help="batches between progress lines (0: none)")
    args = ap.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    gen = torch.Generator().manual_seed(args.seed)

    train_x, train_y = load(args.data, "train")
    test_x, test_y = load(args.data, "test")
    n_train = min(args.limit, train_x.shape[0]) if args.limit > 0 else train_x.shape[0]
    order = torch.randperm(n_train, generator=gen)  # the first n_train images, shuffled
    if args.test_limit > 0:
        test_x, test_y = test_x[:args.test_limit], test_y[:args.test_limit]

    net = Net(w_scale=args.init)
    opt = torch.optim.Adam(net.parameters(), lr=args.lr)
    batches = (n_train + args.batch - 1) // args.batch
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=batches)

    print(f"settings: torch {torch.__version__}, python {platform.python_version()}, threads "
          f"{torch.get_num_threads()}, ticks {args.ticks}, batch {args.batch}, train samples {n_train}, "
          f"test samples {test_x.shape[0]}, seed {args.seed}, loss {args.loss}"
          f"{' temp ' + str(args.temp) if args.loss == 'ce' else ' targets 35/5 x T/50'}, Adam lr {args.lr} "
          f"cosine to 0 over the epoch, init scale {args.init}, "
          f"784-800-10 LIF tau_m {TAU_M:g} tau_s {TAU_S:g} thresholds {TH_HIDDEN:g}/{TH_OUT:g}, "
          f"fast-sigmoid slope {LifLayer.slope:g}, OMP_WAIT_POLICY {os.environ['OMP_WAIT_POLICY']}, "
          f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)

    net.train()
    correct_run, seen_run, loss_run = 0, 0, 0.0
    start = time.perf_counter()
    for b, first in enumerate(range(0, n_train, args.batch)):
        idx = order[first:first + args.batch]
        x = encode(train_x[idx], args.ticks, gen)
        y = train_y[idx]
        counts, rate = net(x)
        loss = loss_of(counts, y, args)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        sched.step()
        correct_run += int((counts.argmax(1) == y).sum())
        seen_run += y.shape[0]
        loss_run += float(loss) * y.shape[0]
        if args.report_every and (b + 1) % args.report_every == 0:
            el = time.perf_counter() - start
            print(f"  batch {b + 1}: {first + y.shape[0]} samples, {el:.1f} s, "
                  f"{(first + y.shape[0]) / el:.1f} samples/s, train acc (last {seen_run}) "
                  f"{100.0 * correct_run / seen_run:.2f} %, loss {loss_run / seen_run:.4f}, "
                  f"hidden rate {float(rate):.4f}/tick", flush=True)
            correct_run, seen_run, loss_run = 0, 0, 0.0
    epoch_s = time.perf_counter() - start

    net.eval()
    correct = 0
    with torch.no_grad():
        for first in range(0, test_x.shape[0], 500):
            x = encode(test_x[first:first + 500], args.ticks, gen)
            counts, _ = net(x)
            correct += int((counts.argmax(1) == test_y[first:first + 500]).sum())
    acc = 100.0 * correct / test_x.shape[0]

    print(f"train: {n_train} samples in {epoch_s:.1f} s, {n_train / epoch_s:.1f} samples/s")
    print(f"epoch seconds: {epoch_s:.1f}")
    print(f"test accuracy: {acc:.2f} % ({correct}/{test_x.shape[0]})")


if __name__ == "__main__":
    main()
