package dev.prooflane.bench;

import java.util.Arrays;

/** Samples of one figure (milliseconds, usually) with nearest-rank percentiles. */
public final class Series {
  private double[] values = new double[64];
  private int size;

  /** Adds one sample. */
  public void add(double v) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = v;
  }

  /** The nearest-rank {@code percentile} (0-100] of the samples, or NaN when there are none. */
  public double p(double percentile) {
    if (size == 0) {
      return Double.NaN;
    }
    double[] sorted = Arrays.copyOf(values, size);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(percentile / 100 * size);
    return sorted[Math.max(0, Math.min(size - 1, rank - 1))];
  }

  /** The largest sample, or NaN when there are none. */
  public double max() {
    return p(100);
  }

  /** How many samples there are. */
  public int size() {
    return size;
  }

  /** How many samples are above {@code limit}. */
  public int countAbove(double limit) {
    int n = 0;
    for (int i = 0; i < size; i++) {
      n += values[i] > limit ? 1 : 0;
    }
    return n;
  }
}
