/**
 * File helpers every package may use: atomic writes (temporary file, then rename). Imports no other snn4j package.
 */
package io.snn4j.io;
