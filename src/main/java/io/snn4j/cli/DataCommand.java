package io.snn4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code snn4j data ...}: inspect, emulate and render event data. */
@Command(name = "data",
        mixinStandardHelpOptions = true,
        description = "Inspect, emulate and render event data.",
        subcommands = {
                DataInfoCommand.class,
                DataEmulateCommand.class,
                DataRenderCommand.class,
        })
final class DataCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing data command");
    }
}
