package io.snn4j.train;

import java.util.Locale;

/**
 * Which part of each layer's error the backward pass propagates: all of it (HM2-BP as published), the top-k entries
 * by magnitude (meProp, Sun et al., ICML 2017), or the top-k of the error plus a memory of what earlier steps did not
 * propagate (MSBP, Zhang et al., "Memorized Sparse Backpropagation", arXiv 1905.10194, Neurocomputing 2020). Applies
 * to the deltas of hidden populations; the output population keeps its full error unless {@code outputSparse}.
 * Immutable.
 *
 * @param kind         full, meProp or MSBP
 * @param count        k as a count (&gt;= 1), or 0 when {@code fraction} gives it
 * @param fraction     k as a fraction of each layer's size, in (0, 1], or 0 when {@code count} gives it
 * @param alpha        MSBP's memory decay, in [0, 1] (the paper's 0.8); 0 for the other kinds
 * @param outputSparse whether the output layer's error is made sparse too
 */
public record Backprop(Kind kind, int count, double fraction, double alpha, boolean outputSparse) {
    /** The error propagation rule. */
    public enum Kind { FULL, MEPROP, MSBP }

    /** Full backpropagation (the default). */
    public static final Backprop FULL = new Backprop(Kind.FULL, 0, 0, 0, false);

    /** MSBP's default memory decay (the paper's setting for MNIST). */
    public static final double DEFAULT_ALPHA = 0.8;

    public Backprop {
        if (kind == null) {
            throw new IllegalArgumentException("backprop: kind must be given");
        }
        if (kind == Kind.FULL) {
            if (count != 0 || fraction != 0 || alpha != 0 || outputSparse) {
                throw new IllegalArgumentException("backprop full takes no k, alpha or output option");
            }
        } else {
            if ((count > 0) == (fraction > 0) || count < 0 || !(fraction >= 0 && fraction <= 1)) {
                throw new IllegalArgumentException("backprop " + kind.name().toLowerCase(Locale.ROOT)
                        + ": k must be a count >= 1 or a fraction in (0, 1], was count " + count + ", fraction "
                        + fraction);
            }
            if (!(alpha >= 0 && alpha <= 1)) {
                throw new IllegalArgumentException("backprop: alpha must be in [0, 1], was " + alpha);
            }
            if (kind == Kind.MEPROP && alpha != 0) {
                throw new IllegalArgumentException("backprop meprop has no memory: alpha is for msbp");
            }
        }
    }

    /**
     * Parses {@code full}, {@code meprop:K[,output=sparse]} or {@code msbp:K[,alpha=A][,output=sparse]}; K is a count
     * ({@code 40}) or a fraction of each layer ({@code 0.05}, {@code 5%}).
     *
     * @throws IllegalArgumentException naming the part that is wrong
     */
    public static Backprop parse(String spec) {
        String s = spec.trim().toLowerCase(Locale.ROOT);
        if (s.equals("full")) {
            return FULL;
        }
        int colon = s.indexOf(':');
        String head = colon < 0 ? s : s.substring(0, colon);
        Kind kind = switch (head) {
            case "meprop" -> Kind.MEPROP;
            case "msbp" -> Kind.MSBP;
            default -> throw new IllegalArgumentException("backprop '" + spec
                    + "': must be full, meprop:K or msbp:K[,alpha=A] (optionally ,output=sparse)");
        };
        if (colon < 0 || colon == s.length() - 1) {
            throw new IllegalArgumentException("backprop '" + spec + "': " + head + " needs K (a count or a fraction)");
        }
        String[] parts = s.substring(colon + 1).split(",");
        int count = 0;
        double fraction = 0;
        double alpha = kind == Kind.MSBP ? DEFAULT_ALPHA : 0;
        boolean output = false;
        String k = parts[0].trim();
        try {
            if (k.endsWith("%")) {
                fraction = Double.parseDouble(k.substring(0, k.length() - 1)) / 100;
            } else if (k.contains(".") || k.contains("e")) {
                fraction = Double.parseDouble(k);
            } else {
                count = Integer.parseInt(k);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("backprop '" + spec + "': K must be a count or a fraction, was '"
                    + k + "'", e);
        }
        if (fraction != 0 && !(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("backprop '" + spec + "': a fraction K must be in (0, 1], was " + k);
        }
        if (fraction == 0 && count < 1) {
            throw new IllegalArgumentException("backprop '" + spec + "': K must be >= 1, was " + k);
        }
        for (int p = 1; p < parts.length; p++) {
            String opt = parts[p].trim();
            if (opt.equals("output=sparse")) {
                output = true;
            } else if (opt.equals("output=full")) {
                output = false;
            } else if (opt.startsWith("alpha=") && kind == Kind.MSBP) {
                try {
                    alpha = Double.parseDouble(opt.substring(6));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("backprop '" + spec + "': alpha must be a number, was '"
                            + opt.substring(6) + "'", e);
                }
                if (!(alpha >= 0 && alpha <= 1)) {
                    throw new IllegalArgumentException("backprop '" + spec + "': alpha must be in [0, 1], was "
                            + opt.substring(6));
                }
            } else {
                throw new IllegalArgumentException("backprop '" + spec + "': unknown option '" + opt + "' (known: "
                        + (kind == Kind.MSBP ? "alpha=A, " : "") + "output=sparse)");
            }
        }
        return new Backprop(kind, count, fraction, alpha, output);
    }

    public boolean isFull() {
        return kind == Kind.FULL;
    }

    /** k for a layer of {@code size} neurons: the count (at most the size), or max(1, round(fraction * size)). */
    public int keep(int size) {
        if (kind == Kind.FULL) {
            return size;
        }
        int k = count > 0 ? count : (int) Math.max(1, Math.round(fraction * size));
        return Math.min(k, size);
    }

    /** The canonical specification, which {@link #parse} reads back to an equal record. */
    @Override
    public String toString() {
        if (kind == Kind.FULL) {
            return "full";
        }
        StringBuilder sb = new StringBuilder(kind == Kind.MEPROP ? "meprop:" : "msbp:");
        sb.append(count > 0 ? String.valueOf(count) : String.valueOf(fraction));
        if (kind == Kind.MSBP) {
            sb.append(",alpha=").append(alpha);
        }
        if (outputSparse) {
            sb.append(",output=sparse");
        }
        return sb.toString();
    }
}
