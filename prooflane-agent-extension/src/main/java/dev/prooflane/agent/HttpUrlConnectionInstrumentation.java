package dev.prooflane.agent;

import static io.opentelemetry.javaagent.extension.matcher.AgentElementMatchers.extendsClass;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.prooflane.agent.detector.Detector;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import java.net.HttpURLConnection;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The JDK's HttpURLConnection (http and, through its delegate and its subclasses, https): the first
 * of {@code connect}, {@code getOutputStream} and {@code getInputStream} on the caller's thread,
 * while the connection is not yet connected, its request headers final (the agent's advice on the
 * same methods, applied first, has injected into them).
 */
final class HttpUrlConnectionInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    // The https delegate (AbstractDelegateHttpsURLConnection) overrides connect().
    return extendsClass(named("sun.net.www.protocol.http.HttpURLConnection"));
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(
        namedOneOf("connect", "getOutputStream", "getInputStream")
            .and(isPublic())
            .and(takesArguments(0)),
        HttpUrlConnectionInstrumentation.class.getName() + "$SendAdvice");
  }

  /** Inlined into the connection's sending methods. */
  @SuppressWarnings("unused")
  public static final class SendAdvice {
    private SendAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(
        @Advice.This HttpURLConnection connection,
        @Advice.FieldValue("connected") boolean connected) {
      if (Detector.enterUrlConnection() && !connected && Detector.keyed() != null) {
        Detector.http(
            connection.getRequestMethod(),
            String.valueOf(connection.getURL()),
            connection.getRequestProperties());
      }
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    public static void exit() {
      Detector.exitUrlConnection();
    }
  }
}
