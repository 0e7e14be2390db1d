package dev.prooflane.actions.policy;

import dev.prooflane.model.ProoflaneException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import java.util.Set;

/**
 * A policy file that is read again when it changes (its modification time or size), checked each
 * time {@link #current} is called. A broken edit keeps the last good policy and is reported in
 * {@link Loaded#problem}. Without a file, the {@link Policy#DEFAULT}. Thread-safe.
 */
public final class PolicyFile {
  private final Optional<Path> file;
  private final Set<String> actions;
  private Policy policy;
  private FileTime modified;
  private long size;
  private String problem;

  /**
   * What {@link #current} found.
   *
   * @param policy the policy in force (the last good one after a broken edit)
   * @param changed whether the file changed since the last call (read well or not)
   * @param problem why the changed file was not used, when it was broken
   */
  public record Loaded(Policy policy, boolean changed, Optional<String> problem) {}

  private PolicyFile(Optional<Path> file, Set<String> actions) {
    this.file = file;
    this.actions = Set.copyOf(actions);
  }

  /**
   * Reads {@code file} now (a broken file throws its located problems), or uses the default when
   * empty; {@code actions} are the action names that exist.
   */
  public static PolicyFile load(Optional<Path> file, Set<String> actions) {
    PolicyFile p = new PolicyFile(file.map(f -> f.toAbsolutePath().normalize()), actions);
    if (p.file.isEmpty()) {
      p.policy = Policy.DEFAULT;
    } else {
      p.stamp();
      p.policy = PolicyReader.read(p.file.get(), actions);
    }
    return p;
  }

  /** The policy file, if one was given. */
  public Optional<Path> file() {
    return file;
  }

  /** The policy in force, after reading the file again if it changed. */
  public synchronized Loaded current() {
    if (file.isEmpty()) {
      return new Loaded(policy, false, Optional.empty());
    }
    FileTime before = modified;
    long sizeBefore = size;
    stamp();
    if (before.equals(modified) && sizeBefore == size) {
      return new Loaded(policy, false, Optional.ofNullable(problem));
    }
    try {
      policy = PolicyReader.read(file.get(), actions);
      problem = null;
    } catch (ProoflaneException e) {
      problem =
          "policy "
              + file.get()
              + " was not reloaded, the last good policy stays in force: "
              + e.getMessage();
    }
    return new Loaded(policy, true, Optional.ofNullable(problem));
  }

  private void stamp() {
    try {
      modified = Files.getLastModifiedTime(file.get());
      size = Files.size(file.get());
    } catch (IOException e) {
      modified = FileTime.fromMillis(0);
      size = -1;
    }
  }
}
