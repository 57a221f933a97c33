/**
 * N-MNIST event recordings: the 5-byte {@code .bin}/{@code .bs2} record reader and the data set layouts (the
 * {@code Train/<digit>/} folder tree and SLAYER-style list files). May import {@code io.snn4j.data}.
 */
package io.snn4j.data.nmnist;
