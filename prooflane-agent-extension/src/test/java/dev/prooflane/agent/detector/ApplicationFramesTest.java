package dev.prooflane.agent.detector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prooflane.dropsapp.FramesProbe;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApplicationFramesTest {

  @Test
  void leavesOutTheJdkTheAgentTheExtensionAndKnownClientLibraries() {
    for (String name :
        List.of(
            "java.net.http.HttpClient",
            "javax.net.ssl.SSLSocket",
            "jdk.internal.net.http.HttpClientImpl",
            "sun.net.www.protocol.http.HttpURLConnection",
            "com.sun.net.httpserver.Filter$Chain",
            "io.opentelemetry.javaagent.bootstrap.Foo",
            "dev.prooflane.agent.detector.Detector",
            "io.grpc.stub.ClientCalls",
            "io.netty.channel.Channel",
            "okhttp3.Call",
            "okio.Buffer",
            "org.apache.http.impl.client.CloseableHttpClient",
            "org.apache.hc.client5.http.impl.classic.CloseableHttpClient",
            "org.apache.kafka.clients.producer.KafkaProducer",
            "reactor.core.publisher.Mono",
            "org.springframework.web.client.RestTemplate",
            "org.springframework.web.reactive.function.client.WebClient",
            // RestTemplate's and RestClient's own requests, innermost on their calls
            "org.springframework.http.client.SimpleClientHttpRequest",
            "org.springframework.http.client.InterceptingClientHttpRequest",
            "org.springframework.cloud.client.loadbalancer.LoadBalancerInterceptor",
            "feign.SynchronousMethodHandler",
            "retrofit2.OkHttpCall",
            "org.glassfish.jersey.client.JerseyInvocation",
            "org.jboss.resteasy.client.jaxrs.internal.ClientInvocation",
            "kotlin.coroutines.Continuation",
            "scala.concurrent.Future")) {
      assertThat(ApplicationFrames.isApplication(name)).as(name).isFalse();
    }
  }

  @Test
  void keepsTheApplicationsOwnClassesAndSpringsOtherPackages() {
    assertThat(ApplicationFrames.isApplication("dev.prooflane.examples.shop.http.Downstream"))
        .isTrue();
    assertThat(ApplicationFrames.isApplication("org.springframework.web.servlet.DispatcherServlet"))
        .isTrue();
    assertThat(ApplicationFrames.isApplication("javaxyz.Foo")).isTrue();
    assertThat(ApplicationFrames.isApplication("dev.prooflane.agentsmith.Foo")).isTrue();
  }

  @Test
  void currentStackStartsAtTheInnermostApplicationFrameAndKeepsEight() {
    List<StackTraceElement> frames = FramesProbe.nested(12);

    assertThat(frames).hasSize(ApplicationFrames.MAX_FRAMES);
    assertThat(frames)
        .allSatisfy(
            frame -> {
              assertThat(frame.getClassName()).isEqualTo(FramesProbe.class.getName());
              assertThat(frame.getMethodName()).isEqualTo("nested");
              assertThat(frame.getFileName()).isEqualTo("FramesProbe.java");
              assertThat(frame.getLineNumber()).isPositive();
            });
  }
}
