package dev.agenthub.devkit;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Map;
import java.util.function.Function;
import net.sourceforge.argparse4j.helper.HelpScreenException;
import net.sourceforge.argparse4j.inf.Argument;
import net.sourceforge.argparse4j.inf.ArgumentAction;
import net.sourceforge.argparse4j.inf.ArgumentParser;
import net.sourceforge.argparse4j.inf.ArgumentParserException;

/**
 * A flag ({@code --help}, {@code --version}) that prints to the program's output and ends the
 * command line successfully. argparse4j's own help action prints to {@code System.out}, which the
 * program's tests cannot read.
 */
final class PrintingFlag implements ArgumentAction {

  private final PrintStream out;
  private final Function<ArgumentParser, String> text;

  private PrintingFlag(PrintStream out, Function<ArgumentParser, String> text) {
    this.out = out;
    this.text = text;
  }

  /** Adds {@code -h/--help} to {@code parser}, printing its help to {@code out}. */
  static void addHelp(ArgumentParser parser, PrintStream out) {
    parser
        .addArgument("-h", "--help")
        .action(new PrintingFlag(out, ArgumentParser::formatHelp))
        .help("show this help message and exit");
  }

  /** Adds {@code -v/--version} to {@code parser}, printing {@code version} to {@code out}. */
  static void addVersion(ArgumentParser parser, PrintStream out, String version) {
    parser
        .addArgument("-v", "--version")
        .action(new PrintingFlag(out, p -> version + System.lineSeparator()))
        .help("print Agent Hub's version and the Temporal SDK's, and exit");
  }

  @Override
  public void run(
      ArgumentParser parser, Argument arg, Map<String, Object> attrs, String flag, Object value)
      throws ArgumentParserException {
    PrintWriter writer = new PrintWriter(out, true);
    writer.print(text.apply(parser));
    writer.flush();
    throw new HelpScreenException(parser);
  }

  @Override
  public boolean consumeArgument() {
    return false;
  }

  @Override
  public void onAttach(Argument arg) {}
}
