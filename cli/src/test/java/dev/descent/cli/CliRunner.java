package dev.descent.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the real command line in this JVM and keeps what it printed. */
record CliRunner(int exitCode, String out, String err) {
  static CliRunner run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new CliRunner(code, out.toString(), err.toString());
  }
}
