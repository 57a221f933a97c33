package io.snn4j.train;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Which optimiser turns HM2-BP's gradients into weight steps, with its parameters. Immutable.
 * <ul>
 *   <li>{@code adam} (default): hm2bp-spec 5.2, as the reference.</li>
 *   <li>{@code sgd[:momentum=M]}: {@code v = M v + g; w -= lr v}.</li>
 *   <li>{@code lbfgs[:m=10,maxstep=S]}: stochastic L-BFGS over all weights with curvature pairs from a second
 *       gradient on the same samples (oLBFGS) and Powell damping of the pairs (SdLBFGS); see {@link Lbfgs}.</li>
 *   <li>{@code kfac[:damping=D,decay=E,refresh=N,kl=C]}: K-FAC per dense layer; see {@link Kfac}.</li>
 * </ul>
 *
 * @param kind       the optimiser
 * @param parameters its parameters, every one given (defaults filled in), in a fixed order
 */
public record OptimizerSpec(Kind kind, Map<String, Double> parameters) {
    /** The optimisers. */
    public enum Kind { ADAM, SGD, LBFGS, KFAC }

    public static final OptimizerSpec ADAM = new OptimizerSpec(Kind.ADAM, Map.of());

    public OptimizerSpec {
        parameters = Map.copyOf(parameters);
    }

    /** Defaults of each optimiser's parameters, in the order {@link #toString} writes them. */
    static Map<String, Double> defaults(Kind kind) {
        Map<String, Double> d = new LinkedHashMap<>();
        switch (kind) {
            case SGD -> d.put("momentum", 0.0);
            case LBFGS -> {
                d.put("m", 10.0);
                d.put("maxstep", 1.0);
            }
            case KFAC -> {
                d.put("damping", 1e-3);
                d.put("decay", 0.95);
                d.put("refresh", 20.0);
                d.put("kl", 1e-3);
            }
            default -> {
            }
        }
        return d;
    }

    /**
     * Parses {@code NAME[:KEY=VALUE,...]}.
     *
     * @throws IllegalArgumentException naming the unknown name, key or bad value
     */
    public static OptimizerSpec parse(String spec) {
        String s = spec.trim().toLowerCase(Locale.ROOT);
        int colon = s.indexOf(':');
        String name = colon < 0 ? s : s.substring(0, colon);
        Kind kind = switch (name) {
            case "adam" -> Kind.ADAM;
            case "sgd" -> Kind.SGD;
            case "lbfgs" -> Kind.LBFGS;
            case "kfac" -> Kind.KFAC;
            default -> throw new IllegalArgumentException("optimizer '" + spec + "': must be adam, sgd, lbfgs or kfac");
        };
        Map<String, Double> p = defaults(kind);
        if (colon >= 0) {
            for (String part : s.substring(colon + 1).split(",")) {
                int eq = part.indexOf('=');
                String key = eq < 0 ? part.trim() : part.substring(0, eq).trim();
                if (eq < 0 || !p.containsKey(key)) {
                    throw new IllegalArgumentException("optimizer '" + spec + "': unknown parameter '" + part.trim()
                            + "' (" + name + " takes " + (p.isEmpty() ? "none" : String.join(", ", p.keySet())) + ")");
                }
                double v;
                try {
                    v = Double.parseDouble(part.substring(eq + 1).trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("optimizer '" + spec + "': " + key + " must be a number, was '"
                            + part.substring(eq + 1).trim() + "'", e);
                }
                p.put(key, v);
            }
        }
        OptimizerSpec o = new OptimizerSpec(kind, p);
        o.validate(spec);
        return o;
    }

    private void validate(String spec) {
        String where = "optimizer '" + spec + "': ";
        switch (kind) {
            case SGD -> check(where, "momentum", 0, true, 1, false);
            case LBFGS -> {
                check(where, "m", 1, true, 1000, true);
                if (get("m") != Math.rint(get("m"))) {
                    throw new IllegalArgumentException(where + "m must be a whole number, was " + get("m"));
                }
                check(where, "maxstep", 0, false, Double.MAX_VALUE, true);
            }
            case KFAC -> {
                check(where, "damping", 0, false, 1e6, true);
                check(where, "decay", 0, true, 1, false);
                check(where, "refresh", 1, true, 1e9, true);
                if (get("refresh") != Math.rint(get("refresh"))) {
                    throw new IllegalArgumentException(where + "refresh must be a whole number, was "
                            + get("refresh"));
                }
                check(where, "kl", 0, false, Double.MAX_VALUE, true);
            }
            default -> {
            }
        }
    }

    private void check(String where, String key, double lo, boolean loIncl, double hi, boolean hiIncl) {
        double v = get(key);
        boolean ok = Double.isFinite(v) && (loIncl ? v >= lo : v > lo) && (hiIncl ? v <= hi : v < hi);
        if (!ok) {
            throw new IllegalArgumentException(where + key + " must be in " + (loIncl ? "[" : "(") + lo + ", "
                    + (hi == Double.MAX_VALUE ? "inf" : String.valueOf(hi)) + (hiIncl ? "]" : ")") + ", was " + v);
        }
    }

    /** A parameter's value. */
    public double get(String key) {
        Double v = parameters.get(key);
        if (v == null) {
            throw new IllegalArgumentException("optimizer " + this + " has no parameter " + key);
        }
        return v;
    }

    public boolean isAdam() {
        return kind == Kind.ADAM;
    }

    /** The canonical specification, which {@link #parse} reads back to an equal record. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(kind.name().toLowerCase(Locale.ROOT));
        String sep = ":";
        for (String key : defaults(kind).keySet()) {
            sb.append(sep).append(key).append('=').append(parameters.get(key));
            sep = ",";
        }
        return sb.toString();
    }
}
