package io.snn4j.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.neuron.LifParameters;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-kind rules and facts of {@link ProjectionSpec}, against hand-computed values. */
class ProjectionSpecTest {
    private static final PopulationSpec IN = PopulationSpec.input("in", new Shape(2, 4, 4));
    private static final PopulationSpec OUT = PopulationSpec.lif("out", new Shape(3, 2, 2), LifParameters.hm2bp(1));
    private static final PopulationSpec FLAT = PopulationSpec.lif("flat", Shape.flat(5), LifParameters.hm2bp(1));

    private static ProjectionSpec.Conv2d conv(float[] weights) {
        // 2x4x4 -> 3x2x2 with kernel 3, stride 1, no padding: floor((4 - 3) / 1) + 1 = 2
        return new ProjectionSpec.Conv2d("c", 0, 1, 0, 1, 2, 3, 3, 1, 0, weights);
    }

    @Test
    void denseNeedsTargetTimesSourceFiniteWeights() {
        var ok = new ProjectionSpec.Dense("d", 0, 1, 0, 1, new float[32 * 12]);
        assertEquals(List.of(), ok.problems(IN, OUT));
        assertEquals(32L * 12 * 4, ok.connectivityBytes(IN, OUT));
        float[] bad = new float[7];
        bad[3] = Float.NaN;
        assertEquals(List.of("dense weights must have 12 x 32 = 384 entries (target x source), had 7",
                "weight 3 is NaN (must be finite)"), new ProjectionSpec.Dense("d", 0, 1, 0, 1, bad).problems(IN, OUT));
        assertEquals(List.of("dense weights absent"),
                new ProjectionSpec.Dense("d", 0, 1, 0, 1, null).problems(IN, OUT));
    }

    @Test
    void sparseListsMustAgreeAndDelaysStayInTheirSpread() {
        var s = new ProjectionSpec.Sparse("s", 0, 1, 0, 2, new int[] {0, 31}, new int[] {0, 11}, new float[] {1, 2},
                new int[] {2, 5});
        assertEquals(List.of(), s.problems(IN, OUT));
        assertEquals(5, s.maxDelayTicks());
        assertEquals(2 * 9L + 32 * 4, s.connectivityBytes(IN, OUT));
        var mismatched = new ProjectionSpec.Sparse("s", 0, 1, 0, 1, new int[] {0, 1}, new int[] {0}, new float[2],
                null);
        assertEquals(List.of("sparse pre, post, weights (and delays if given) must have equal lengths, were 2, 1, 2, "
                + "absent"), mismatched.problems(IN, OUT));
        assertEquals(0, mismatched.connectivityBytes(IN, OUT));
        var outOfRange = new ProjectionSpec.Sparse("s", 0, 1, 0, 3, new int[] {0}, new int[] {12}, new float[1],
                new int[] {4});
        assertEquals(List.of("synapse 0: post must be in [0, 12), was 12",
                "delay must equal the smallest per-synapse delay 4, was 3"), outOfRange.problems(IN, OUT));
    }

    @Test
    void randomChecksProbabilityAndDrawsItsWeights() {
        var r = new ProjectionSpec.Random("r", 0, 1, 0, 1, 0.5, 7, 1f, 0f, 1, false);
        assertEquals(List.of(), r.problems(IN, OUT));
        assertEquals((long) (0.5 * 32 * 12 * 8 * 1.01) + 32 * 4, r.connectivityBytes(IN, OUT));
        assertTrue(r.drawsWeights());
        assertNull(r.heldWeights());
        var bad = new ProjectionSpec.Random("r", 0, 1, 0, 1, 1.5, 7, 1f, 0f, 1, false);
        assertEquals(List.of("p must be in [0, 1], was 1.5"), bad.problems(IN, OUT));
        assertEquals(0, bad.connectivityBytes(IN, OUT));
    }

    @Test
    void oneToOneNeedsEqualSizes() {
        var o = new ProjectionSpec.OneToOne("o", 1, 2, 0, 1, new float[] {2f});
        assertEquals(List.of("one-to-one needs equal sizes, source 'out' has 12 and target 'flat' 5"),
                o.problems(OUT, FLAT));
        assertEquals(12 * 4L, o.connectivityBytes(OUT, FLAT));
        assertArrayEquals(new float[] {2f}, o.heldWeights());
    }

    @Test
    void convolutionChecksShapesAndSharesItsKernel() {
        var c = conv(new float[3 * 2 * 3 * 3]);
        assertEquals(List.of(), c.problems(IN, OUT));
        assertEquals(3L * 2 * 3 * 3 * 4, c.connectivityBytes(IN, OUT));
        assertTrue(c.isSpatial());
        assertEquals(2 * 3 * 3, c.sharedWeightsPerChannel());
        assertEquals(List.of("target 'flat' shape 1x1x5 differs from the conv2d output 3x2x2 of source shape 2x4x4"),
                c.problems(IN, FLAT));
        var broken = new ProjectionSpec.Conv2d("c", 0, 1, 0, 1, 2, 3, 0, 1, 0, new float[0]);
        assertEquals(1, broken.problems(IN, OUT).size());
        assertEquals(0, broken.connectivityBytes(IN, OUT));
    }

    @Test
    void poolingAndLateralInhibitionHoldOneWeight() {
        var p = new ProjectionSpec.Pool("p", 0, 1, 0, 1, 2, 2, 0.5f);
        assertEquals(List.of("target 'out' shape 3x2x2 differs from the pooling output 2x2x2 of source shape 2x4x4"),
                p.problems(IN, OUT));
        assertTrue(p.isSpatial());
        assertEquals(1, p.sharedWeightsPerChannel());
        assertArrayEquals(new float[] {0.5f}, p.heldWeights());
        var l = new ProjectionSpec.LateralInhibition("l", 1, 2, 0, 1, 3f);
        assertEquals(List.of("lateral inhibition must project a population onto itself, was 'out' -> 'flat'"),
                l.problems(OUT, FLAT));
        assertFalse(l.isSpatial());
        assertEquals(0, l.sharedWeightsPerChannel());
        assertArrayEquals(new float[] {3f}, l.heldWeights());
    }

    @Test
    void everyKindCallsItsOwnVisitorMethod() {
        ProjectionSpec.Visitor<String> names = new ProjectionSpec.Visitor<>() {
            @Override
            public String visitDense(ProjectionSpec.Dense d) {
                return "dense";
            }

            @Override
            public String visitSparse(ProjectionSpec.Sparse s) {
                return "sparse";
            }

            @Override
            public String visitRandom(ProjectionSpec.Random r) {
                return "random";
            }

            @Override
            public String visitOneToOne(ProjectionSpec.OneToOne o) {
                return "one-to-one";
            }

            @Override
            public String visitConv2d(ProjectionSpec.Conv2d c) {
                return "conv2d";
            }

            @Override
            public String visitPool(ProjectionSpec.Pool p) {
                return "pool";
            }

            @Override
            public String visitLateralInhibition(ProjectionSpec.LateralInhibition l) {
                return "lateral";
            }
        };
        List<ProjectionSpec> kinds = List.of(new ProjectionSpec.Dense("a", 0, 1, 0, 1, new float[0]),
                new ProjectionSpec.Sparse("b", 0, 1, 0, 1, new int[0], new int[0], new float[0], null),
                new ProjectionSpec.Random("c", 0, 1, 0, 1, 0, 1, 0, 0, 1, false),
                new ProjectionSpec.OneToOne("d", 0, 1, 0, 1, new float[1]), conv(new float[0]),
                new ProjectionSpec.Pool("f", 0, 1, 0, 1, 2, 2, 1),
                new ProjectionSpec.LateralInhibition("g", 1, 1, 0, 1, 1));
        assertEquals(List.of("dense", "sparse", "random", "one-to-one", "conv2d", "pool", "lateral"),
                kinds.stream().map(k -> k.accept(names)).toList());
    }
}
