package dev.prooflane.agent;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.prooflane.agent.detector.Detector;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import java.net.http.HttpRequest;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The JDK HttpClient: every send ({@code send}, both {@code sendAsync}) runs through the private
 * four-argument {@code HttpClientImpl.sendAsync} on the caller's thread, inside the agent's own
 * advice on the public methods (which makes the client span's Context current). The request's
 * {@code headers()} there are what goes out: the agent injects into them on that call, with that
 * Context.
 */
final class JdkHttpClientInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("jdk.internal.net.http.HttpClientImpl");
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(
        named("sendAsync")
            .and(takesArguments(4))
            .and(takesArgument(0, named("java.net.http.HttpRequest"))),
        JdkHttpClientInstrumentation.class.getName() + "$SendAdvice");
  }

  /** Inlined into {@code HttpClientImpl.sendAsync}. */
  @SuppressWarnings("unused")
  public static final class SendAdvice {
    private SendAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(0) HttpRequest request) {
      if (request != null && Detector.keyed() != null) {
        Detector.http(request.method(), String.valueOf(request.uri()), request.headers().map());
      }
    }
  }
}
