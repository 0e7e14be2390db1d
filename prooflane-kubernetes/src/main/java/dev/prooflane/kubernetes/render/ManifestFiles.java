package dev.prooflane.kubernetes.render;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prooflane.kubernetes.meta.Manifests;
import dev.prooflane.model.ProoflaneException;
import dev.prooflane.model.SpecException;
import dev.prooflane.model.SpecProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads Kubernetes manifests: multi-document YAML files, and directories of them. */
public final class ManifestFiles {
  private ManifestFiles() {}

  /**
   * The objects in {@code file}, in order; {@code List} objects are expanded and empty documents
   * skipped.
   *
   * @throws SpecException naming the file and line of a syntax error or a document that is not an
   *     object with {@code apiVersion} and {@code kind}
   */
  public static List<ObjectNode> read(Path file) {
    List<ObjectNode> out = new ArrayList<>();
    try (JsonParser parser = Manifests.yaml().getFactory().createParser(file.toFile());
        MappingIterator<JsonNode> docs = Manifests.yaml().readValues(parser, JsonNode.class)) {
      while (docs.hasNextValue()) {
        JsonLocation at = parser.currentLocation();
        JsonNode doc = docs.nextValue();
        if (doc == null || doc.isNull() || doc.isMissingNode()) {
          continue;
        }
        if (!doc.isObject() || !doc.hasNonNull("apiVersion") || !doc.hasNonNull("kind")) {
          throw new SpecException(
              new SpecProblem(
                  file.toString(),
                  at.getLineNr(),
                  0,
                  "",
                  "not a Kubernetes object (expected: a mapping with apiVersion and kind)"));
        }
        if (doc.path("kind").asText().endsWith("List") && doc.path("items").isArray()) {
          doc.path("items").forEach(i -> out.add((ObjectNode) i));
        } else {
          out.add((ObjectNode) doc);
        }
      }
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new SpecException(
          new SpecProblem(
              file.toString(),
              at == null ? 0 : at.getLineNr(),
              at == null ? 0 : at.getColumnNr(),
              "",
              "not valid YAML: " + e.getOriginalMessage()));
    } catch (IOException e) {
      throw new ProoflaneException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return out;
  }

  /** The objects of every {@code .yaml} and {@code .yml} file under {@code dir}, by path. */
  public static List<ObjectNode> readDirectory(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new SpecException(
          new SpecProblem(
              dir.toString(), 0, 0, "", "not a directory (expected: the baseline's manifests)"));
    }
    List<ObjectNode> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f :
          files
              .filter(Files::isRegularFile)
              .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
              .sorted()
              .toList()) {
        out.addAll(read(f));
      }
    } catch (IOException e) {
      throw new ProoflaneException("cannot list " + dir + ": " + e.getMessage(), e);
    }
    return out;
  }
}
