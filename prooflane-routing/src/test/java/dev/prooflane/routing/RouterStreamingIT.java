package dev.prooflane.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RouterStreamingIT {
  private static final int MB = 1024 * 1024;
  private static final long BODY = 50L * MB;

  private TestUpstream baseline;
  private Router router;
  private int port;

  @BeforeEach
  void start() {
    baseline = TestUpstream.start("baseline/files#1");
    router = Router.start(RouterOptions.defaults());
    port = router.listen("files", 0);
    router.update(t -> t.withBaseline("files", baseline.upstream()));
  }

  @AfterEach
  void stop() {
    router.close();
    baseline.close();
  }

  @Test
  void streamsChunkedUploadToUpstreamBeforeTheClientHasFinished() throws Exception {
    try (RawHttpConnection connection = new RawHttpConnection(port)) {
      connection.writeRaw(
          "POST /upload HTTP/1.1\r\nHost: files\r\nTransfer-Encoding: chunked\r\n\r\n"
              .getBytes(StandardCharsets.US_ASCII));
      byte[] chunk = new byte[MB];
      writeChunk(connection, chunk);

      await().atMost(Duration.ofSeconds(10)).until(() -> baseline.bodyBytesSoFar() > 0);
      assertThat(baseline.received()).as("upstream finished before the upload did").isEmpty();

      for (int i = 1; i < BODY / MB; i++) {
        writeChunk(connection, chunk);
      }
      connection.writeRaw("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      RawHttpConnection.Response response = connection.read();

      assertThat(response.status()).isEqualTo(200);
      assertThat(response.header("x-body-bytes")).isEqualTo(Long.toString(BODY));
    }
  }

  @Test
  void streamsLargeResponseToTheClient() throws Exception {
    baseline.respondWithBytes(BODY);
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    HttpResponse<InputStream> response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/download")).build(),
            HttpResponse.BodyHandlers.ofInputStream());
    long total = 0;
    try (InputStream in = response.body()) {
      byte[] buffer = new byte[256 * 1024];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        total += n;
      }
    }

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(total).isEqualTo(BODY);
  }

  private static void writeChunk(RawHttpConnection connection, byte[] chunk) {
    connection.writeRaw(
        (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
    connection.writeRaw(chunk);
    connection.writeRaw("\r\n".getBytes(StandardCharsets.US_ASCII));
  }
}
