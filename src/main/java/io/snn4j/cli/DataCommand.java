package io.snn4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code snn4j data ...}: inspect, emulate, render and convert event data. */
@Command(name = "data",
        mixinStandardHelpOptions = true,
        description = "Inspect, emulate, render and convert event data.",
        subcommands = {
                DataInfoCommand.class,
                DataEmulateCommand.class,
                DataRenderCommand.class,
                DataConvertCommand.class,
        })
final class DataCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing data command");
    }
}
