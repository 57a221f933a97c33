package io.snn4j.data.emulate;

import io.snn4j.data.EventStream;
import io.snn4j.data.mnist.IdxImages;
import io.snn4j.data.mnist.IdxReader;
import io.snn4j.data.nmnist.NmnistReader;

import java.io.IOException;
import java.nio.file.Path;

/** Test access to the shared real data sets through the project's readers. */
final class RealData {
    private RealData() {
    }

    static EventStream readNmnist(Path file) throws IOException {
        return new NmnistReader().read(file).events();
    }

    /** The first {@code count} MNIST training images, 784 unsigned bytes each. */
    static byte[][] mnistTrainImages(Path mnistDir, int count) throws IOException {
        IdxImages all = IdxReader.readImages(mnistDir.resolve("train-images-idx3-ubyte.gz"));
        byte[][] images = new byte[Math.min(count, all.count())][all.pixelsPerImage()];
        for (int i = 0; i < images.length; i++) {
            all.copyImage(i, images[i], 0);
        }
        return images;
    }
}
