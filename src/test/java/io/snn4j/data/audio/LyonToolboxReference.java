package io.snn4j.data.audio;

/**
 * A test oracle: {@code LyonPassiveEar} transliterated loop by loop from the Auditory Toolbox's MATLAB and MEX code
 * structure, deliberately unoptimised and organised differently from {@link LyonEar}: per decimation block, the whole
 * cascade over the block ({@code soscascade}), half-wave rectification of the block, the linear-index zeroing of
 * elements (1,1) and (2,1), the AGC column by column with the MEX's in-place {@code prevState} update and {@code fabs},
 * the difference, the decimation filter over the block ({@code sosfilters}) and the block's last column. Filter
 * coefficients come from {@link LyonEar}'s design (checked separately against the design formulas).
 */
final class LyonToolboxReference {
    private LyonToolboxReference() {
    }

    /** Returns {@code y[channel][frame]} for the N output channels. */
    static double[][] run(LyonEar ear, float[] x) {
        LyonConfig cfg = ear.config();
        int df = cfg.decimation();
        int nOut = x.length / df;
        int nCh = ear.channels() + 2;
        double[][] filters = new double[nCh][];
        for (int i = 0; i < nCh; i++) {
            filters[i] = ear.section(i);
        }
        double[] dec = ear.decimationFilter();
        double[][] sosState = new double[nCh][2];
        double[][] agcState = new double[4][nCh];
        double[][] decState = new double[nCh][2];
        double[] targets = {0.0032, 0.0016, 0.0008, 0.0004};
        double[] taus = {0.64, 0.16, 0.04, 0.01};
        double[][] y = new double[nCh][nOut];
        for (int blk = 0; blk < nOut; blk++) {
            double[][] out = new double[nCh][df];
            for (int n = 0; n < df; n++) {
                double in = x[blk * df + n];
                for (int i = 0; i < nCh; i++) {
                    double[] f = filters[i];
                    out[i][n] = f[0] * in + sosState[i][0];
                    sosState[i][0] = f[1] * in - f[3] * out[i][n] + sosState[i][1];
                    sosState[i][1] = f[2] * in - f[4] * out[i][n];
                    in = out[i][n];
                }
            }
            for (int i = 0; i < nCh; i++) {
                for (int n = 0; n < df; n++) {
                    out[i][n] = Math.max(0, out[i][n]);
                }
            }
            out[0][0] = 0;
            out[1][0] = 0;
            if (cfg.agc()) {
                for (int n = 0; n < df; n++) {
                    double[] col = new double[nCh];
                    for (int i = 0; i < nCh; i++) {
                        col[i] = out[i][n];
                    }
                    for (int st = 0; st < 4; st++) {
                        double eps = 1 - Math.exp(-1 / taus[st] / cfg.sampleRate());
                        mexAgc(col, agcState[st], eps, targets[st]);
                    }
                    for (int i = 0; i < nCh; i++) {
                        out[i][n] = col[i];
                    }
                }
            }
            if (cfg.differ()) {
                double[][] d = new double[nCh][df];
                for (int n = 0; n < df; n++) {
                    d[0][n] = Math.max(0, out[0][n]);
                    for (int i = 1; i < nCh; i++) {
                        d[i][n] = Math.max(0, out[i - 1][n] - out[i][n]);
                    }
                }
                out = d;
            }
            if (df > 1) {
                for (int n = 0; n < df; n++) {
                    for (int i = 0; i < nCh; i++) {
                        double in = out[i][n];
                        double o = dec[0] * in + decState[i][0];
                        decState[i][0] = dec[1] * in - dec[3] * o + decState[i][1];
                        decState[i][1] = dec[2] * in - dec[4] * o;
                        out[i][n] = o;
                    }
                }
            }
            for (int i = 0; i < nCh; i++) {
                y[i][blk] = out[i][df - 1];
            }
        }
        double[][] result = new double[nCh - 2][];
        System.arraycopy(y, 2, result, 0, nCh - 2);
        return result;
    }

    /** agc.c's {@code agc()} for one column, in place. */
    static void mexAgc(double[] io, double[] state, double epsilon, double target) {
        int n = io.length;
        double limit = 1. - 1e-1;
        double oneMinusEpsOverThree = (1.0 - epsilon) / 3.0;
        double epsOverTarget = epsilon / target;
        double prevState = state[0];
        int i;
        for (i = 0; i < n - 1; i++) {
            io[i] = Math.abs(io[i] * (1.0 - state[i]));
            double f = io[i] * epsOverTarget + oneMinusEpsOverThree * (prevState + state[i] + state[i + 1]);
            if (f > limit) {
                f = limit;
            }
            prevState = state[i];
            state[i] = f;
        }
        io[i] = Math.abs(io[i] * (1.0 - state[i]));
        double f = io[i] * epsOverTarget + oneMinusEpsOverThree * (prevState + state[i] + state[i]);
        if (f > limit) {
            f = limit;
        }
        state[i] = f;
    }
}
