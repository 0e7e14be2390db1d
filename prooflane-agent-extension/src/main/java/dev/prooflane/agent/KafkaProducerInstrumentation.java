package dev.prooflane.agent;

import static io.opentelemetry.javaagent.extension.matcher.AgentElementMatchers.hasClassesNamed;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.prooflane.agent.detector.Detector;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

/**
 * The Kafka producer: {@code KafkaProducer.send(record, callback)} (every send runs through it) on
 * the caller's thread. The agent's advice on the same method, applied first, has put the trace
 * context and baggage into the record's headers by the time the detector's runs.
 */
final class KafkaProducerInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<ClassLoader> classLoaderOptimization() {
    return hasClassesNamed("org.apache.kafka.clients.producer.KafkaProducer");
  }

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("org.apache.kafka.clients.producer.KafkaProducer");
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(
        isPublic()
            .and(named("send"))
            .and(takesArguments(2))
            .and(takesArgument(0, named("org.apache.kafka.clients.producer.ProducerRecord"))),
        KafkaProducerInstrumentation.class.getName() + "$SendAdvice");
  }

  /** Inlined into {@code KafkaProducer.send}. */
  @SuppressWarnings("unused")
  public static final class SendAdvice {
    private SendAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(0) ProducerRecord<?, ?> record) {
      if (record == null || Detector.keyed() == null) {
        return;
      }
      Map<String, List<String>> headers = new HashMap<>();
      for (Header header : record.headers()) {
        List<String> values = headers.get(header.key());
        if (values == null) {
          values = new ArrayList<>(1);
          headers.put(header.key(), values);
        }
        byte[] value = header.value();
        values.add(value == null ? "" : new String(value, StandardCharsets.UTF_8));
      }
      Detector.kafka(record.topic(), headers);
    }
  }
}
