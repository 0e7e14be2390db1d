package dev.prooflane.agent;

import static io.opentelemetry.javaagent.extension.matcher.AgentElementMatchers.hasClassesNamed;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.prooflane.agent.detector.Detector;
import io.grpc.CallOptions;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * grpc-java's client call: {@code ClientCallImpl.start(listener, headers)} runs on the caller's
 * thread after every client interceptor (the agent's, which injects, among them), so its metadata
 * is what goes out.
 */
final class GrpcClientCallInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<ClassLoader> classLoaderOptimization() {
    return hasClassesNamed("io.grpc.internal.ClientCallImpl");
  }

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("io.grpc.internal.ClientCallImpl");
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(
        named("start").and(takesArguments(2)),
        GrpcClientCallInstrumentation.class.getName() + "$StartAdvice");
  }

  /** Inlined into {@code ClientCallImpl.start}. */
  @SuppressWarnings("unused")
  public static final class StartAdvice {
    private StartAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(
        @Advice.Argument(1) Metadata headers,
        @Advice.FieldValue("method") MethodDescriptor<?, ?> method,
        @Advice.FieldValue("callOptions") CallOptions callOptions) {
      if (headers == null || Detector.keyed() == null) {
        return;
      }
      String keyHeader = Detector.keyHeader();
      Detector.grpc(
          method.getFullMethodName(),
          callOptions.getAuthority(),
          headers.getAll(Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER)),
          headers.getAll(Metadata.Key.of("baggage", Metadata.ASCII_STRING_MARSHALLER)),
          headers.getAll(Metadata.Key.of("tracestate", Metadata.ASCII_STRING_MARSHALLER)),
          keyHeader.isEmpty()
              ? null
              : headers.getAll(Metadata.Key.of(keyHeader, Metadata.ASCII_STRING_MARSHALLER)));
    }
  }
}
