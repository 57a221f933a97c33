/**
 * The {@code snn4j} command: one class per subcommand, argument parsing with picocli, exit codes. May import every
 * snn4j package; none imports it.
 */
package io.snn4j.cli;
