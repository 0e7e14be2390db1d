package dev.prooflane.server.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prooflane.model.SandboxSpec;
import dev.prooflane.model.spec.SandboxSpecReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bodies clients send, as the daemon reads them (docs/api.md, openapi.yaml). */
class RequestBodiesTest {
  @Test
  void fieldsLeftNullAreNotSent() {
    SandboxRequest request =
        new SandboxRequest(
            "pr-42",
            null,
            "30m",
            null,
            List.of(
                new ForkRequest(
                    "pricing", List.of("java", "-jar", "x.jar"), null, null, null, null)));

    assertThat(Json.write(request))
        .isEqualTo(
            "{\"name\":\"pr-42\",\"ttl\":\"30m\",\"forks\":[{\"service\":\"pricing\","
                + "\"command\":[\"java\",\"-jar\",\"x.jar\"]}]}");
    assertThat(Json.write(new SkillRunRequest("smoke", null, Map.of(), List.of())))
        .isEqualTo("{\"skill\":\"smoke\",\"inputs\":{},\"skillDirs\":[]}");
    assertThat(Json.write(new TokenRequest("ci", List.of("sandbox:read"), null)))
        .isEqualTo("{\"name\":\"ci\",\"scopes\":[\"sandbox:read\"]}");
    assertThat(Json.write(new ActionRunRequest("pr-42", Map.of("path", "/x"))))
        .isEqualTo("{\"sandbox\":\"pr-42\",\"with\":{\"path\":\"/x\"}}");
  }

  @Test
  void aSandboxFileReadsBackAsTheSameSpecAfterTheTrip() {
    SandboxSpec spec =
        SandboxSpecReader.parse(
            "pr-42.yaml",
            """
            name: pr-42
            routingKey: k7q2m9x4z1ab
            ttl: 90m
            labels: {team: pricing}
            forks:
              - service: pricing
                command: java -cp ${artifact} 'Main Class'
                args: [--debug]
                env: {MODE: fast}
                envRemove: [OLD]
                artifact: build/new.jar
              - service: catalog
            databases:
              reviews: {mode: copy, migrate: [sql/v2.sql]}
              audit: schema
              stock: {migrate: {command: java -jar flyway.jar migrate, env: {FLYWAY_X: "1"}}}
            """);

    SandboxSpec sent =
        SandboxSpecReader.parse("<request body>", Json.write(SandboxRequest.of(spec)));

    assertThat(sent).isEqualTo(spec);
  }
}
