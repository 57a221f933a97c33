/**
 * Live event input over the network: a client for iniVation DV's TCP event streams (AEDAT 4.0 packet framing),
 * a replay server that streams a recording in that framing, and the bounded queue between a network reader and a
 * consumer. May import {@code io.snn4j.data} and {@code io.snn4j.data.aedat}.
 */
package io.snn4j.data.net;
