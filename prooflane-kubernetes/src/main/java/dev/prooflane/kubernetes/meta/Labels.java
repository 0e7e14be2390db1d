package dev.prooflane.kubernetes.meta;

/** The labels and annotations by which Prooflane marks, finds and skips objects. */
public final class Labels {
  /** The standard label naming the tool that manages an object. */
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";

  /** The value of {@link #MANAGED_BY} on every object Prooflane creates. */
  public static final String PROOFLANE = "prooflane";

  /** The sandbox an object (or a fork's pod) belongs to. */
  public static final String SANDBOX = "prooflane.dev/sandbox";

  /** The baseline Deployment a fork copies. */
  public static final String FORK_OF = "prooflane.dev/fork-of";

  /** Objects annotated {@code "true"} are never read as templates nor changed. */
  public static final String IGNORE = "prooflane.dev/ignore";

  private Labels() {}
}
