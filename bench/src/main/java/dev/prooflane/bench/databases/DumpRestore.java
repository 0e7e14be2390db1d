package dev.prooflane.bench.databases;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The peer: {@code pg_dump SOURCE | psql TARGET} (plain SQL, as a user copies a database by hand),
 * {@code pg_dump --schema-only} for the schema-only copy. Both tools log in as the benchmark's
 * admin, their password in the inherited {@code PGPASSWORD}; psql stops at the first error and its
 * query output is discarded.
 *
 * @param bin the folder of {@code pg_dump} and {@code psql}
 * @param host the server's host
 * @param port the server's port
 * @param user the user both log in as
 */
record DumpRestore(Path bin, String host, int port, String user) {
  DumpRestore {
    requireNonNull(bin, "bin");
    requireNonNull(host, "host");
    requireNonNull(user, "user");
  }

  /**
   * Copies {@code source} into the existing, empty {@code target}: its schema only when {@code
   * schemaOnly}.
   *
   * @throws IllegalStateException with both exit codes when either tool fails (their messages went
   *     to this process's stderr)
   */
  void copy(String source, String target, boolean schemaOnly)
      throws IOException, InterruptedException {
    List<String> dump = new ArrayList<>(List.of(tool("pg_dump"), "--no-password"));
    dump.addAll(login());
    if (schemaOnly) {
      dump.add("--schema-only");
    }
    dump.add(source);
    List<String> restore =
        new ArrayList<>(
            List.of(tool("psql"), "--no-password", "-X", "-q", "-v", "ON_ERROR_STOP=1"));
    restore.addAll(login());
    restore.addAll(List.of("-d", target));
    List<Process> pipeline =
        ProcessBuilder.startPipeline(
            List.of(
                new ProcessBuilder(dump).redirectError(ProcessBuilder.Redirect.INHERIT),
                new ProcessBuilder(restore)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)));
    int dumped = pipeline.get(0).waitFor();
    int restored = pipeline.get(1).waitFor();
    if (dumped != 0 || restored != 0) {
      throw new IllegalStateException(
          "pg_dump "
              + source
              + " | psql "
              + target
              + ": pg_dump exited with "
              + dumped
              + ", psql with "
              + restored
              + " (expected: 0 and 0; their messages are above)");
    }
  }

  private List<String> login() {
    return List.of("-h", host, "-p", Integer.toString(port), "-U", user);
  }

  private String tool(String name) {
    return bin.resolve(name).toString();
  }
}
