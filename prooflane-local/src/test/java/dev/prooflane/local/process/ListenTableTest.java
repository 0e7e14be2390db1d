package dev.prooflane.local.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Reading a TCP table of /proc only as far as its listening sockets, or the one looked for; or the
 * whole of it for a port in some states.
 */
class ListenTableTest {
  private static final String HEADER =
      "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout"
          + " inode\n";

  /** Port 8080 (1F90) is listened on twice, by inodes 101 and 103; port 22 (0016) by 102. */
  private static final String TABLE =
      HEADER
          + "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0"
          + "        0 101 1 0000000000000000 100 0 0 10 0\n"
          + "   1: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0"
          + "        0 102 1 0000000000000000 100 0 0 10 0\n"
          + "   2: 0200007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0"
          + "        0 103 1 0000000000000000 100 0 0 10 0\n"
          + "   3: 0100007F:1F90 0100007F:D2F0 01 00000000:00000000 00:00000000 00000000     0"
          + "        0 201 1 0000000000000000 20 4 30 10 -1\n"
          + "   4: 0100007F:D2F0 0100007F:1F90 06 00000000:00000000 03:00001234 00000000     0"
          + "        0 0 3 0000000000000000\n"
          + "   5: 0100007F:1F91 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0"
          + "        0 104 1 0000000000000000 100 0 0 10 0\n";

  @Test
  void readsTheListeningSocketsOfThePortAndStopsAtTheFirstConnection() throws Exception {
    BufferedReader table = new BufferedReader(new StringReader(TABLE));
    Set<String> inodes = new HashSet<>();
    ListenTable.Found found = new ListenTable.Found();

    ListenTable.read(table, 8080, inode -> false, inodes, found);

    assertThat(inodes).containsExactlyInAnyOrder("101", "103");
    assertThat(found.stopped).isFalse();
    // the connections after the listening sockets are left unread: the kernel never writes them
    assertThat(found.lines).isEqualTo(4);
    assertThat(table.readLine()).startsWith("   4:");
  }

  @Test
  void stopsAtTheSocketLookedFor() throws Exception {
    BufferedReader table = new BufferedReader(new StringReader(TABLE));
    Set<String> inodes = new HashSet<>();
    ListenTable.Found found = new ListenTable.Found();

    ListenTable.read(table, 8080, "101"::equals, inodes, found);

    assertThat(inodes).containsExactly("101");
    assertThat(found.stopped).isTrue();
    assertThat(found.lines).isEqualTo(1);
    assertThat(table.readLine()).startsWith("   1:");
  }

  @Test
  void aPortNobodyListensOnFindsNothing() throws Exception {
    Set<String> inodes = new HashSet<>();
    ListenTable.Found found = new ListenTable.Found();

    ListenTable.read(
        new BufferedReader(new StringReader(TABLE)), 9090, inode -> true, inodes, found);

    assertThat(inodes).isEmpty();
    assertThat(found.stopped).isFalse();
  }

  @Test
  void anEmptyTableFindsNothing() throws Exception {
    Set<String> inodes = new HashSet<>();
    ListenTable.Found found = new ListenTable.Found();

    ListenTable.read(new BufferedReader(new StringReader(HEADER)), 8080, i -> true, inodes, found);

    assertThat(inodes).isEmpty();
    assertThat(found.lines).isZero();
  }

  @Test
  void findsASocketOfThePortInTheStatesAskedForPastTheListeningOnes() throws Exception {
    // 8080 is connected (01) on the line after the listening sockets; 0xD2F0 is only in TIME_WAIT
    assertThat(
            ListenTable.anyOnPort(new BufferedReader(new StringReader(TABLE)), 8080, Set.of("01")))
        .isTrue();
    assertThat(
            ListenTable.anyOnPort(
                new BufferedReader(new StringReader(TABLE)), 0xD2F0, Set.of("01", "0A")))
        .isFalse();
    assertThat(
            ListenTable.anyOnPort(new BufferedReader(new StringReader(TABLE)), 9090, Set.of("0A")))
        .isFalse();
    assertThat(
            ListenTable.anyOnPort(new BufferedReader(new StringReader(HEADER)), 8080, Set.of("0A")))
        .isFalse();
  }
}
