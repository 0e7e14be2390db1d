package dev.prooflane.dropsapp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A service for the drop detector's end-to-end test, run in its own JVM with the agent and the
 * extension attached: each path handles a request by calling a downstream (HTTP and gRPC servers of
 * the test, a Kafka producer whose broker never answers), either dropping the key (the lines marked
 * {@code DROP}) or forwarding the inbound {@code baggage} header itself.
 *
 * <p>Arguments: the downstream's HTTP base URL, its gRPC port, its HTTPS base URL (its certificate
 * in the trust store the JVM is given). Prints {@code PORT n} once it listens.
 */
public final class DropsApp {

  /** The downstream's gRPC method: bytes in, bytes out. */
  public static final MethodDescriptor<byte[], byte[]> ECHO =
      MethodDescriptor.<byte[], byte[]>newBuilder()
          .setType(MethodDescriptor.MethodType.UNARY)
          .setFullMethodName("prooflane.test.Echo/Call")
          .setRequestMarshaller(new Bytes())
          .setResponseMarshaller(new Bytes())
          .build();

  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static final HttpResponse.BodyHandler<Void> DISCARD =
      HttpResponse.BodyHandlers.discarding();

  private final String downstream;
  private final String secureDownstream;
  private final ManagedChannel channel;
  private final Producer<byte[], byte[]> producer;

  private DropsApp(
      String downstream,
      String secureDownstream,
      ManagedChannel channel,
      Producer<byte[], byte[]> producer) {
    this.downstream = downstream;
    this.secureDownstream = secureDownstream;
    this.channel = channel;
    this.producer = producer;
  }

  public static void main(String[] args) throws Exception {
    ManagedChannel channel =
        ManagedChannelBuilder.forAddress("127.0.0.1", Integer.parseInt(args[1]))
            .usePlaintext()
            .build();
    DropsApp app = new DropsApp(args[0], args[2], channel, producer());
    // Outside any request: never reported. It also resolves the channel, so that later calls
    // start on their caller's thread.
    ClientCalls.blockingUnaryCall(channel, ECHO, CallOptions.DEFAULT, new byte[] {1});
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", app::route);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.start();
    System.out.println("PORT " + server.getAddress().getPort());
    System.out.flush();
  }

  private void route(HttpExchange exchange) throws IOException {
    String baggage = exchange.getRequestHeaders().getFirst("baggage");
    int status = 200;
    try {
      switch (exchange.getRequestURI().getPath()) {
        case "/httpclient-drop" -> httpClientDrop();
        case "/httpclient-keep" -> httpClientKeep(baggage);
        case "/urlconnection-drop" -> urlConnectionDrop();
        case "/urlconnection-keep" -> urlConnectionKeep(baggage);
        case "/https-drop" -> httpsDrop();
        case "/grpc-drop" -> grpcDrop();
        case "/grpc-keep" -> grpcKeep(baggage);
        case "/kafka-drop" -> kafkaDrop();
        case "/kafka-keep" -> kafkaKeep(baggage);
        default -> status = 404;
      }
    } catch (Exception e) {
      e.printStackTrace();
      status = 500;
    }
    exchange.sendResponseHeaders(status, -1);
    exchange.close();
  }

  private void httpClientDrop() throws IOException, InterruptedException {
    CLIENT.send(get("/a"), DISCARD); // DROP httpclient
  }

  private void httpClientKeep(String baggage) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(downstream + "/a")).header("baggage", baggage).build();
    CLIENT.send(request, DISCARD);
  }

  private void urlConnectionDrop() throws IOException {
    HttpURLConnection connection = open("/b");
    try (InputStream in = connection.getInputStream()) { // DROP urlconnection
      in.readAllBytes();
    }
  }

  private void urlConnectionKeep(String baggage) throws IOException {
    HttpURLConnection connection = open("/b");
    if (baggage != null) {
      connection.setRequestProperty("baggage", baggage);
    }
    try (InputStream in = connection.getInputStream()) { // FORWARDS baggage only
      in.readAllBytes();
    }
  }

  private void httpsDrop() throws IOException {
    HttpURLConnection connection =
        (HttpURLConnection) URI.create(secureDownstream + "/c").toURL().openConnection();
    connection.connect(); // DROP https
    try (InputStream in = connection.getInputStream()) {
      in.readAllBytes();
    }
  }

  private void grpcDrop() {
    ClientCalls.blockingUnaryCall(channel, ECHO, CallOptions.DEFAULT, new byte[] {2}); // DROP grpc
  }

  private void grpcKeep(String baggage) {
    Metadata headers = new Metadata();
    headers.put(Metadata.Key.of("baggage", Metadata.ASCII_STRING_MARSHALLER), baggage);
    Channel forwarding =
        ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers));
    ClientCalls.blockingUnaryCall(forwarding, ECHO, CallOptions.DEFAULT, new byte[] {3});
  }

  private void kafkaDrop() {
    producer.send(new ProducerRecord<>("prices", new byte[] {4})); // DROP kafka
  }

  private void kafkaKeep(String baggage) {
    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>("prices", new byte[] {5});
    record.headers().add("baggage", baggage.getBytes(StandardCharsets.UTF_8));
    producer.send(record);
  }

  /**
   * A producer whose broker never answers: {@code send} gives up on the topic's metadata after 200
   * ms and returns a failed future, after the detector has seen the record.
   */
  private static Producer<byte[], byte[]> producer() {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 200);
    return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private HttpRequest get(String path) {
    return HttpRequest.newBuilder(URI.create(downstream + path)).build();
  }

  private HttpURLConnection open(String path) throws IOException {
    return (HttpURLConnection) URI.create(downstream + path).toURL().openConnection();
  }

  /** Bytes as they are. */
  private static final class Bytes implements MethodDescriptor.Marshaller<byte[]> {
    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
