package dev.prooflane.agent;

import io.opentelemetry.javaagent.extension.instrumentation.InstrumentationModule;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import java.util.List;

/**
 * The drop detector's observation points: the JDK HttpClient, HttpURLConnection, grpc-java's client
 * call and the Kafka producer, each where the caller's Context and the final outgoing headers are
 * both in reach. The advice is inlined and calls the core on the bootstrap class path (see {@link
 * BootstrapInstaller}); it has no helper classes of its own.
 */
public final class DetectorInstrumentationModule extends InstrumentationModule {

  public DetectorInstrumentationModule() {
    super("prooflane-detector");
  }

  /**
   * After the agent's own instrumentation of the same methods (order 0): the detector's advice then
   * runs inside the agent's, and sees the headers the agent injected.
   */
  @Override
  public int order() {
    return 100;
  }

  @Override
  public boolean defaultEnabled(ConfigProperties config) {
    return BootstrapInstaller.installed();
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(
        new JdkHttpClientInstrumentation(),
        new HttpUrlConnectionInstrumentation(),
        new GrpcClientCallInstrumentation(),
        new KafkaProducerInstrumentation());
  }
}
