package dev.prooflane.local.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The sockets of one of Linux's TCP tables ({@code /proc/net/tcp}, {@code tcp6}): the one place
 * that parses their lines. The kernel writes a table's listening sockets first, then walks its
 * whole established-connection hash (every bucket, every connection and {@code TIME_WAIT} socket)
 * as the reader asks for more: {@link #read} stops at the first line of another state, which keeps
 * a read from costing as much as the machine has connections, and at the socket looked for, which
 * keeps it from costing as much as it has listeners; {@link #anyOnPort} has to read on.
 */
final class ListenTable {
  private static final String LISTEN = "0A";

  /** The fields of a line up to the socket's inode: sl, local, remote, st, ..., inode. */
  private static final int INODE = 9;

  private static final int LOCAL = 1;
  private static final int STATE = 3;

  private ListenTable() {}

  /** What a read found. */
  static final class Found {
    /** Lines read after the header. */
    int lines;

    /** Whether a socket {@code stopAt} accepts listens on the port. */
    boolean stopped;
  }

  /**
   * Adds to {@code inodes} the inode of each socket listening on {@code port} in {@code table}
   * (past its header line), until one that {@code stopAt} accepts or the end of the listening
   * sockets.
   */
  static void read(
      BufferedReader table, int port, Predicate<String> stopAt, Set<String> inodes, Found found)
      throws IOException {
    String suffix = portSuffix(port);
    table.readLine(); // the header
    String[] fields = new String[INODE + 1];
    for (String line = table.readLine(); line != null; line = table.readLine()) {
      found.lines++;
      if (fields(line, fields) <= INODE || !LISTEN.equals(fields[STATE])) {
        return;
      }
      if (fields[LOCAL].endsWith(suffix)) {
        inodes.add(fields[INODE]);
        if (stopAt.test(fields[INODE])) {
          found.stopped = true;
          return;
        }
      }
    }
  }

  /**
   * Whether a socket whose local port is {@code port} is in one of {@code states} (hexadecimal, as
   * the table writes them: {@code 0A} is listening) anywhere in {@code table}, past its header
   * line.
   */
  static boolean anyOnPort(BufferedReader table, int port, Set<String> states) throws IOException {
    String suffix = portSuffix(port);
    table.readLine(); // the header
    String[] fields = new String[STATE + 1];
    for (String line = table.readLine(); line != null; line = table.readLine()) {
      if (fields(line, fields) > STATE
          && fields[LOCAL].endsWith(suffix)
          && states.contains(fields[STATE])) {
        return true;
      }
    }
    return false;
  }

  /** How a local address on {@code port} ends: {@code :1F90} for 8080. */
  private static String portSuffix(int port) {
    return String.format(Locale.ROOT, ":%04X", port);
  }

  /** Splits {@code line} at runs of spaces into {@code out}; returns how many fields it filled. */
  private static int fields(String line, String[] out) {
    int n = 0;
    int i = 0;
    int length = line.length();
    while (n < out.length) {
      while (i < length && line.charAt(i) == ' ') {
        i++;
      }
      if (i == length) {
        break;
      }
      int start = i;
      while (i < length && line.charAt(i) != ' ') {
        i++;
      }
      out[n++] = line.substring(start, i);
    }
    return n;
  }
}
