/**
 * MNIST images and labels in the IDX format (raw or gzip), read into compact byte arrays. May import
 * {@code io.snn4j.data}.
 */
package io.snn4j.data.mnist;
