/**
 * snn4j on Apache Spark (the optional {@code snn4j-spark} module): synchronous data-parallel minibatch gradients with
 * the single-machine result, local steps with periodic averaging, distributed evaluation and sweeps, over data sets
 * sharded as spike caches on a Hadoop-compatible file system. Found by snn4j through {@link io.snn4j.train.Cluster}; it
 * may import every snn4j package, Spark and Hadoop, and nothing in snn4j imports it.
 */
package io.snn4j.spark;
