package io.snn4j.export;

/**
 * What {@link Exporter} writes: {@code float} (lossless binary model), {@code nir} (Neuromorphic Intermediate
 * Representation, HDF5), {@code hw:PROFILE} (a deployment plan for a hardware profile) or
 * {@code fixed:BITS[:ACC][:tensor]} (integer weights and thresholds, BITS 8 or 16, accumulator ACC bits). Immutable.
 */
public sealed interface ExportTarget {
    /** The target as written on the command line. */
    String name();

    /** Lossless binary {@code .pb} of the current schema revision. */
    @SuppressWarnings("JavaLangClash") // the target's public name, ExportTarget.Float; java.lang.Float is unused here
    record Float() implements ExportTarget {
        @Override
        public String name() {
            return "float";
        }
    }

    /** NIR graph in HDF5. */
    record Nir() implements ExportTarget {
        @Override
        public String name() {
            return "nir";
        }
    }

    /** Partition onto the cores of a target profile. */
    record Hardware(String profile) implements ExportTarget {
        @Override
        public String name() {
            return "hw:" + profile;
        }
    }

    /**
     * Fixed-point weights.
     *
     * @param bits            weight bits, 8 or 16
     * @param accumulatorBits bits of the synaptic-current and membrane accumulator, in (bits, 64]
     * @param perTensor       one scale per weight tensor instead of one per output channel
     */
    record Fixed(int bits, int accumulatorBits, boolean perTensor) implements ExportTarget {
        public Fixed {
            if (bits != 8 && bits != 16) {
                throw new IllegalArgumentException("fixed-point weights must have 8 or 16 bits, was " + bits);
            }
            if (accumulatorBits <= bits || accumulatorBits > 64) {
                throw new IllegalArgumentException("accumulator must have more bits than the weights (" + bits
                        + ") and at most 64, was " + accumulatorBits);
            }
        }

        /** Default accumulator: 24 bits for 8-bit weights (Loihi's 24-bit current and voltage), 32 for 16-bit. */
        public static Fixed of(int bits) {
            return new Fixed(bits, bits == 8 ? 24 : 32, false);
        }

        @Override
        public String name() {
            return "fixed:" + bits + ":" + accumulatorBits + (perTensor ? ":tensor" : "");
        }
    }

    /**
     * Parses {@code float}, {@code nir}, {@code hw:PROFILE} or {@code fixed:BITS[:ACC][:tensor]}.
     *
     * @throws IllegalArgumentException naming the accepted forms
     */
    static ExportTarget parse(String s) {
        String usage = "target must be float, nir, hw:PROFILE or fixed:BITS[:ACCUMULATOR_BITS] (BITS 8 or 16, "
                + "optional ':tensor' for one scale per tensor), was '" + s + "'";
        if (s == null) {
            throw new IllegalArgumentException(usage);
        }
        if (s.equals("float")) {
            return new Float();
        }
        if (s.equals("nir")) {
            return new Nir();
        }
        if (s.startsWith("hw:") && s.length() > 3 && s.substring(3).matches("[A-Za-z0-9_.-]+")) {
            return new Hardware(s.substring(3));
        }
        if (s.startsWith("fixed:")) {
            String[] parts = s.split(":");
            try {
                int bits = Integer.parseInt(parts[1]);
                if (parts.length == 2) {
                    return Fixed.of(bits);
                }
                if (parts.length == 3 && parts[2].equals("tensor")) {
                    return new Fixed(bits, Fixed.of(bits).accumulatorBits(), true);
                }
                if (parts.length == 3 || (parts.length == 4 && parts[3].equals("tensor"))) {
                    return new Fixed(bits, Integer.parseInt(parts[2]), parts.length == 4);
                }
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                throw new IllegalArgumentException(usage, e);
            }
        }
        throw new IllegalArgumentException(usage);
    }
}
