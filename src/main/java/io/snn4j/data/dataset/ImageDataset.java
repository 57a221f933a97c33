package io.snn4j.data.dataset;

import io.snn4j.data.encode.ImageEncoder;
import io.snn4j.data.encode.Seeds;
import io.snn4j.event.InputSpikes;
import java.util.Arrays;

/**
 * A data set of equally sized grey images (pixel values 0..255 stored as unsigned bytes, one image after another)
 * encoded to spikes on demand: sample {@code i} is {@code encoder.encode(image i, seed, i)}.
 *
 * <p>Immutable and thread-safe: the pixel and label arrays are copied in.
 */
public final class ImageDataset implements Dataset {
    private final byte[] pixels;
    private final int pixelsPerImage;
    private final int[] labels;
    private final ImageEncoder encoder;
    private final long seed;

    private ImageDataset(byte[] pixels, int pixelsPerImage, int[] labels, ImageEncoder encoder, long seed) {
        this.pixels = pixels;
        this.pixelsPerImage = pixelsPerImage;
        this.labels = labels;
        this.encoder = encoder;
        this.seed = seed;
    }

    /**
     * @param pixels         read; {@code labels.length * pixelsPerImage} unsigned bytes, image after image
     * @param pixelsPerImage pixels of one image (784 for MNIST), &gt;= 1; also the channel count
     * @param labels         read; label of each image, &gt;= 0
     * @param encoder        rate or latency encoder
     * @param seed           data set seed passed to the encoder with each index
     */
    public static ImageDataset of(byte[] pixels, int pixelsPerImage, int[] labels, ImageEncoder encoder, long seed) {
        if (encoder == null) {
            throw new IllegalArgumentException("image data set: encoder must not be null");
        }
        if (pixelsPerImage < 1) {
            throw new IllegalArgumentException("image data set: pixelsPerImage must be >= 1, was " + pixelsPerImage);
        }
        int[] checked = Labels.check(labels);
        if ((long) checked.length * pixelsPerImage != pixels.length) {
            throw new IllegalArgumentException("image data set: pixels length must be labels.length * pixelsPerImage"
                    + " = " + checked.length + " * " + pixelsPerImage + ", was " + pixels.length);
        }
        return new ImageDataset(pixels.clone(), pixelsPerImage, checked, encoder, seed);
    }

    /** The same images with seed {@code Seeds.mix(seed, epoch)} (fresh rate-coded trains per epoch). */
    public ImageDataset forEpoch(long epoch) {
        return new ImageDataset(pixels, pixelsPerImage, labels, encoder, Seeds.mix(seed, epoch));
    }

    @Override
    public int size() {
        return labels.length;
    }

    @Override
    public int label(int index) {
        Dataset.checkIndex(index, labels.length);
        return labels[index];
    }

    @Override
    public InputSpikes load(int index) {
        Dataset.checkIndex(index, labels.length);
        int from = index * pixelsPerImage;
        return encoder.encode(Arrays.copyOfRange(pixels, from, from + pixelsPerImage), seed, index);
    }

    @Override
    public int channelCount() {
        return pixelsPerImage;
    }

    @Override
    public int tickCount() {
        return encoder.tickCount();
    }
}
