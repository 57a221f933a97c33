package io.snn4j.data.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SeedsTest {
    @Test
    void mixIsAFunctionOfItsArgumentsOnly() {
        assertEquals(Seeds.mix(42, 7), Seeds.mix(42, 7));
        assertEquals(Seeds.mix(Seeds.mix(1, 2), 3), Seeds.mix(1, 2, 3));
        assertNotEquals(Seeds.mix(42, 7), Seeds.mix(43, 7));
        assertNotEquals(Seeds.mix(42, 7), Seeds.mix(42, 8));
    }

    @Test
    void adjacentIndicesGiveUnrelatedStreams() {
        // first draws of 10,000 consecutive sample generators: all distinct, mean near 0.5
        Set<Long> first = new HashSet<>();
        double sum = 0;
        for (int i = 0; i < 10_000; i++) {
            SplittableRandom r = new SplittableRandom(Seeds.mix(5, i));
            first.add(r.nextLong());
            sum += new SplittableRandom(Seeds.mix(5, i)).nextDouble();
        }
        assertEquals(10_000, first.size());
        // uniform mean: sd = sqrt(1/12 / 10000) = 0.0029; 5 sd
        assertEquals(0.5, sum / 10_000, 0.0145);
        assertTrue(Seeds.mix(0, 0) != 0);
    }
}
