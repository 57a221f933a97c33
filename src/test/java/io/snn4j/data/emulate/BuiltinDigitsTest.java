package io.snn4j.data.emulate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class BuiltinDigitsTest {

    @Test
    void sameSeedAndIndexGiveTheSameImage() {
        assertArrayEquals(new BuiltinDigits(5).image(123), new BuiltinDigits(5).image(123));
    }

    @Test
    void differentSeedsOrIndicesGiveDifferentImages() {
        assertFalse(Arrays.equals(new BuiltinDigits(5).image(3), new BuiltinDigits(6).image(3)));
        assertFalse(Arrays.equals(new BuiltinDigits(5).image(3), new BuiltinDigits(5).image(13)));
    }

    @Test
    void labelIsIndexModTen() {
        BuiltinDigits d = new BuiltinDigits(0);
        assertEquals(0, d.label(0));
        assertEquals(7, d.label(17));
        assertEquals(9, d.label(59_999));
    }

    @Test
    void imagesAreMnistLikeWhiteInkOnBlackWithCentredMass() {
        BuiltinDigits d = new BuiltinDigits(2);
        for (int i = 0; i < 200; i++) {
            float[] img = d.image(i);
            assertEquals(28 * 28, img.length);
            double mass = 0;
            double mx = 0;
            double my = 0;
            int ink = 0;
            for (int p = 0; p < img.length; p++) {
                assertTrue(img[p] >= 0 && img[p] <= 255, "pixel value " + img[p]);
                mass += img[p];
                mx += img[p] * (p % 28);
                my += img[p] * Math.floorDiv(p, 28); // the pixel's row
                ink += img[p] > 0 ? 1 : 0;
            }
            // centred at 13.5 up to the random shift of +-0.8 px (plus rasterisation)
            assertEquals(13.5, mx / mass, 1.2, "centre of mass x of sample " + i);
            assertEquals(13.5, my / mass, 1.2, "centre of mass y of sample " + i);
            // MNIST: about 19 % of pixels are non-zero; a digit is neither a dot nor a blob
            assertTrue(ink > 50 && ink < 400, "non-zero pixels of sample " + i + ": " + ink);
            for (int p = 0; p < 28; p++) {
                assertEquals(0, img[p], "top row must stay black, sample " + i);
                assertEquals(0, img[p * 28], "left column must stay black, sample " + i);
            }
        }
    }

    @Test
    void classesAreDistinctForANearestMeanClassifier() {
        BuiltinDigits train = new BuiltinDigits(10);
        double[][] means = new double[10][28 * 28];
        for (int i = 0; i < 500; i++) {
            float[] img = train.image(i);
            for (int p = 0; p < img.length; p++) {
                means[train.label(i)][p] += img[p] / 50.0;
            }
        }
        for (int a = 0; a < 10; a++) {
            for (int b = a + 1; b < 10; b++) {
                double dist = 0;
                for (int p = 0; p < 28 * 28; p++) {
                    dist += Math.abs(means[a][p] - means[b][p]);
                }
                assertTrue(dist / (28 * 28) > 5, "mean images of " + a + " and " + b + " differ by "
                        + dist / (28 * 28) + " gray levels per pixel");
            }
        }
        BuiltinDigits test = new BuiltinDigits(11);
        int correct = 0;
        for (int i = 0; i < 200; i++) {
            float[] img = test.image(i);
            int best = -1;
            double bestDist = Double.MAX_VALUE;
            for (int c = 0; c < 10; c++) {
                double dist = 0;
                for (int p = 0; p < img.length; p++) {
                    double e = img[p] - means[c][p];
                    dist += e * e;
                }
                if (dist < bestDist) {
                    bestDist = dist;
                    best = c;
                }
            }
            correct += best == test.label(i) ? 1 : 0;
        }
        assertTrue(correct >= 150, "nearest class mean classified " + correct + " of 200");
    }

    @Test
    void rejectsNegativeIndexAndUnknownDigit() {
        assertThrows(IllegalArgumentException.class, () -> new BuiltinDigits(1).image(-1));
        assertThrows(IllegalArgumentException.class,
                () -> BuiltinDigits.draw(10, new java.util.SplittableRandom(1)));
    }
}
