package io.snn4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the {@code snn4j} command. Exit codes: 0 success, 1 runtime failure (bad file, failed run),
 * 2 usage error (unknown option, missing argument).
 */
@Command(name = "snn4j",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Spiking neural networks: simulate, train, export.",
        subcommands = {
                SimulateCommand.class,
                TrainCommand.class,
                ReportCommand.class,
                SweepCommand.class,
                EvalCommand.class,
                RunCommand.class,
                BenchCommand.class,
                ExportCommand.class,
                DataCommand.class,
                CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code. */
    public static int execute(String... args) {
        return execute(new java.io.PrintWriter(System.out, true, java.nio.charset.Charset.defaultCharset()),
                new java.io.PrintWriter(System.err, true, java.nio.charset.Charset.defaultCharset()), args);
    }

    /** Runs the command line with the given output streams and returns the exit code (used by tests). */
    public static int execute(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            String msg = ex instanceof java.nio.file.NoSuchFileException nf ? nf.getFile() + ": no such file"
                    : ex instanceof java.nio.file.AccessDeniedException ad ? ad.getFile() + ": permission denied"
                    : ex.getMessage() == null ? ex.toString() : ex.getMessage();
            cmd.getErr().println("snn4j " + cmd.getCommandName() + ": " + msg);
            return 1;
        });
        return cl.execute(args);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"snn4j " + (v == null ? "(development build)" : v)};
        }
    }
}
