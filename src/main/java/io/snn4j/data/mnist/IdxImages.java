package io.snn4j.data.mnist;

/**
 * A stack of 8-bit grayscale images, as stored in an IDX image file: {@code count} images of {@code rows x cols}
 * pixels in one {@code byte[]}, image-major then row-major. Pixel values are unsigned, 0..255.
 *
 * <p>Immutable and thread-safe: the pixel array is never handed out raw.
 */
public final class IdxImages {
    private final int count;
    private final int rows;
    private final int cols;
    private final byte[] pixels;

    IdxImages(int count, int rows, int cols, byte[] pixels) {
        assert pixels.length == (long) count * rows * cols;
        this.count = count;
        this.rows = rows;
        this.cols = cols;
        this.pixels = pixels;
    }

    public int count() {
        return count;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** Pixels per image, {@code rows * cols}. */
    public int pixelsPerImage() {
        return rows * cols;
    }

    /** The pixel at ({@code row}, {@code col}) of image {@code image}, 0..255. */
    public int pixel(int image, int row, int col) {
        if (image < 0 || image >= count || row < 0 || row >= rows || col < 0 || col >= cols) {
            throw new IndexOutOfBoundsException("pixel (" + image + ", " + row + ", " + col + ") outside "
                    + count + " images of " + rows + " x " + cols);
        }
        return pixels[(image * rows + row) * cols + col] & 0xFF;
    }

    /**
     * Copies image {@code image} into {@code dst[dstOffset .. dstOffset + rows * cols)} (written), row-major, as
     * unsigned bytes.
     */
    public void copyImage(int image, byte[] dst, int dstOffset) {
        if (image < 0 || image >= count) {
            throw new IndexOutOfBoundsException("image " + image + " outside 0.." + (count - 1));
        }
        int n = rows * cols;
        System.arraycopy(pixels, image * n, dst, dstOffset, n);
    }

    /** A copy of all pixels, image-major then row-major; length {@code count * rows * cols}. */
    public byte[] copyPixels() {
        return pixels.clone();
    }
}
