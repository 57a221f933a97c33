/**
 * Events as CSV text ({@code t,x,y,p}): a streaming reader and writer. May import {@code io.snn4j.data}.
 */
package io.snn4j.data.csv;
