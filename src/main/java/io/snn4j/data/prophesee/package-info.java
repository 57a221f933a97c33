/**
 * Prophesee RAW recordings (EVT 2.0 and EVT 3.0 words after {@code %} header lines), decoded as streams of CD events
 * and external triggers. May import {@code io.snn4j.data}.
 */
package io.snn4j.data.prophesee;
