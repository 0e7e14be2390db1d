package dev.prooflane.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Makes a folder or file read-only for the tests of a state folder the daemon cannot write, in the
 * first way that bites for the user the tests run as: {@code chmod a-w} for an ordinary user; for
 * root, whom permission bits do not stop, {@code chattr +i} (an immutable inode refuses even root)
 * where the file system supports it. When neither bites the test is skipped with the reason.
 */
public final class ReadOnlyFolder {
  private ReadOnlyFolder() {}

  /**
   * Makes {@code path} read-only and returns how ({@code chmod a-w} or {@code chattr +i}); call
   * {@link #undo} before the test ends so that its folder can be deleted.
   */
  public static String make(Path path) throws IOException, InterruptedException {
    boolean folder = Files.isDirectory(path);
    Files.setPosixFilePermissions(
        path, PosixFilePermissions.fromString(folder ? "r-xr-xr-x" : "r--r--r--"));
    if (!writable(path)) {
      return "chmod a-w";
    }
    if (run("chattr", "+i", path.toString()) && !writable(path)) {
      return "chattr +i";
    }
    undo(path);
    Assumptions.abort(
        "neither chmod a-w nor chattr +i makes "
            + path
            + " read-only for user "
            + System.getProperty("user.name")
            + " here");
    return "";
  }

  /** Makes {@code path} writable again. */
  public static void undo(Path path) throws IOException, InterruptedException {
    run("chattr", "-i", path.toString());
    boolean folder = Files.isDirectory(path);
    Files.setPosixFilePermissions(
        path, PosixFilePermissions.fromString(folder ? "rwxr-xr-x" : "rw-r--r--"));
  }

  /** Whether this process can, in fact, change {@code path}. */
  private static boolean writable(Path path) {
    try {
      if (Files.isDirectory(path)) {
        Path probe = Files.createTempFile(path, "probe", "");
        Files.delete(probe);
      } else {
        Files.writeString(path, "", java.nio.file.StandardOpenOption.APPEND);
      }
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean run(String... command) throws IOException, InterruptedException {
    try {
      Process p =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(devNull()).start();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false; // no such program
    }
  }

  private static ProcessBuilder.Redirect devNull() {
    return ProcessBuilder.Redirect.to(Path.of("/dev/null").toFile());
  }
}
