package dev.prooflane.local;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Checks, before a daemon starts, that it can write its state folder: creates the folder when it is
 * missing, creates and removes a file in it and in each of its folders, and opens each file it
 * writes for writing (without changing it). A real attempt, not a permission-bit check, so that
 * root, read-only mounts and immutable files are judged as the daemon would meet them.
 */
public final class StateFolderCheck {
  private StateFolderCheck() {}

  /**
   * Makes sure the daemon can write {@code state}.
   *
   * @throws StateFolderException naming the folder or file, the missing permission and the fix
   */
  public static void requireWritable(StateFolder state) {
    Path root = state.root().toAbsolutePath().normalize();
    if (Files.exists(root) && !Files.isDirectory(root)) {
      throw new StateFolderException(
          root,
          "state folder "
              + root
              + " is a file, not a folder; move the file away or choose another --state-dir",
          null);
    }
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new StateFolderException(
          root,
          "cannot create the state folder "
              + root
              + ": "
              + (e instanceof AccessDeniedException
                  ? "no write permission on " + blocking(e, root) + " (Permission denied)"
                  : reason(e) + " at " + blocking(e, root))
              + "; create the folder for the daemon's user ("
              + user()
              + ") or choose another --state-dir",
          e);
    }
    probe(root, root);
    for (Path folder : state.writtenFolders()) {
      Path absolute = root.resolve(folder.getFileName());
      if (Files.isDirectory(absolute)) {
        probe(root, absolute);
      }
    }
    for (Path file : state.writtenFiles()) {
      Path absolute = root.resolve(file.getFileName());
      if (Files.isRegularFile(absolute)) {
        try {
          // opened for writing, nothing written: the daemon will write it
          FileChannel.open(absolute, StandardOpenOption.WRITE).close();
        } catch (IOException e) {
          throw new StateFolderException(
              root,
              "state folder "
                  + root
                  + ": no write permission on its file "
                  + absolute.getFileName()
                  + " ("
                  + reason(e)
                  + "); the daemon writes it: give the daemon's user ("
                  + user()
                  + ") write permission (chmod u+w "
                  + absolute
                  + hint(e, absolute)
                  + ") or choose another --state-dir",
              e);
        }
      }
    }
  }

  private static void probe(Path root, Path folder) {
    Path probe = folder.resolve(".prooflane-write-check-" + ProcessHandle.current().pid());
    try {
      Files.deleteIfExists(probe);
      Files.createFile(probe);
      Files.delete(probe);
    } catch (IOException e) {
      String where = folder.equals(root) ? "" : " on its folder " + root.relativize(folder);
      throw new StateFolderException(
          root,
          "state folder "
              + root
              + ": no write permission"
              + where
              + " (cannot create files in "
              + folder
              + ": "
              + reason(e)
              + "); give the daemon's user ("
              + user()
              + ") write permission (chmod -R u+w "
              + root
              + hint(e, folder)
              + ") or choose another --state-dir",
          e);
    }
  }

  /** The existing folder whose permission stopped {@code root} from being created. */
  private static Path blocking(IOException e, Path root) {
    Path ancestor = root;
    while (ancestor != null && !Files.exists(ancestor)) {
      ancestor = ancestor.getParent();
    }
    if (e instanceof FileSystemException fs && fs.getFile() != null && ancestor == null) {
      return Path.of(fs.getFile());
    }
    return ancestor == null ? root : ancestor;
  }

  private static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "Permission denied";
    }
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason();
    }
    return e.toString();
  }

  /** A pointer at the usual cause when the permission bits are not it. */
  private static String hint(IOException e, Path path) {
    String reason = reason(e);
    if (reason.contains("Operation not permitted")) {
      return "; if it is immutable: chattr -i " + path;
    }
    if (reason.contains("Read-only file system")) {
      return "; the file system is mounted read-only";
    }
    return "";
  }

  private static String user() {
    return System.getProperty("user.name", "?");
  }
}
