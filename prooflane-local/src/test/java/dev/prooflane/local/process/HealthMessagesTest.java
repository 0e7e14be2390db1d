package dev.prooflane.local.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The hand-written health messages against the protobuf classes of grpc-services. */
class HealthMessagesTest {
  private static byte[] framed(byte[] message) {
    byte[] out = new byte[5 + message.length];
    out[4] = (byte) message.length;
    System.arraycopy(message, 0, out, 5, message.length);
    return out;
  }

  @Test
  void aRequestIsTheProtobufMessageInGrpcFraming() throws Exception {
    for (String service : new String[] {"", "shop.v1.Greeter", "x".repeat(200)}) {
      byte[] framed = HealthMessages.request(service);
      byte[] message = Arrays.copyOfRange(framed, 5, framed.length);

      assertThat(HealthCheckRequest.parseFrom(message).getService()).isEqualTo(service);
      assertThat(framed[0]).as("not compressed").isZero();
      assertThat(
              (framed[1] & 0xff) << 24
                  | (framed[2] & 0xff) << 16
                  | (framed[3] & 0xff) << 8
                  | framed[4] & 0xff)
          .isEqualTo(message.length);
    }
  }

  @Test
  void readsEveryServingStatusAndSkipsFieldsItDoesNotKnow() throws Exception {
    for (ServingStatus status :
        new ServingStatus[] {
          ServingStatus.UNKNOWN, ServingStatus.SERVING, ServingStatus.NOT_SERVING
        }) {
      byte[] message = HealthCheckResponse.newBuilder().setStatus(status).build().toByteArray();
      assertThat(HealthMessages.servingStatus(framed(message))).isEqualTo(status.name());
    }
    // field 2 (bytes), field 3 (fixed64), field 4 (fixed32), field 5 (varint), then status 1
    byte[] future = {
      0x12,
      2,
      'h',
      'i',
      0x19,
      1,
      2,
      3,
      4,
      5,
      6,
      7,
      8,
      0x25,
      1,
      2,
      3,
      4,
      0x28,
      (byte) 0x96,
      1,
      0x08,
      1
    };
    assertThat(HealthMessages.servingStatus(framed(future))).isEqualTo("SERVING");
    assertThat(HealthMessages.servingStatus(framed(new byte[] {0x08, 9}))).isEqualTo("status 9");
  }

  @Test
  void aMalformedAnswerIsRefusedWithWhatIsWrong() {
    assertThatThrownBy(() -> HealthMessages.servingStatus(new byte[] {0, 0}))
        .isInstanceOf(IOException.class)
        .hasMessage("health answer of 2 bytes (expected: a message)");
    assertThatThrownBy(() -> HealthMessages.servingStatus(new byte[] {1, 0, 0, 0, 2, 0x08, 1}))
        .hasMessage("health answer compressed (none was offered)");
    assertThatThrownBy(() -> HealthMessages.servingStatus(new byte[] {0, 0, 0, 0, 3, 0x08, 1}))
        .hasMessage("health answer of 2 bytes (its prefix says 3)");
    assertThatThrownBy(() -> HealthMessages.servingStatus(framed(new byte[] {0x08, (byte) 0x80})))
        .hasMessage("health answer cut short");
    assertThatThrownBy(() -> HealthMessages.servingStatus(framed(new byte[] {0x12, 9, 'a'})))
        .hasMessage("health answer cut short");
    assertThatThrownBy(() -> HealthMessages.servingStatus(framed(new byte[] {0x0b})))
        .hasMessage("health answer with wire type 3");
  }
}
