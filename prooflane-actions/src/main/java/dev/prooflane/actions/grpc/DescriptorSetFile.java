package dev.prooflane.actions.grpc;

import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.prooflane.actions.core.ActionInput;
import dev.prooflane.actions.schema.ConfinedFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A step's {@code descriptors}: a {@code FileDescriptorSet} file (what {@code protoc
 * --descriptor_set_out} writes, or {@code buf build -o}) inside the skill folder.
 */
final class DescriptorSetFile {
  /** The largest descriptor set read: far beyond the descriptors of any real API. */
  private static final int MAX_BYTES = 16 * 1024 * 1024;

  private DescriptorSetFile() {}

  /**
   * The linked files of the set {@code given} names, relative to {@code skillDir}.
   *
   * @throws dev.prooflane.actions.core.ActionInputException naming {@code descriptors} and what is
   *     wrong with the file
   */
  static ProtoFiles read(ActionInput input, Path skillDir, String given) {
    Path file = ConfinedFiles.resolve(input, "descriptors", given, ConfinedFiles.root(skillDir));
    FileDescriptorSet set;
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes(MAX_BYTES + 1);
      if (bytes.length > MAX_BYTES) {
        throw input.error("descriptors", "'" + given + "' is larger than " + MAX_BYTES + " bytes");
      }
      set = FileDescriptorSet.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw input.error(
          "descriptors",
          "'"
              + given
              + "' is not a FileDescriptorSet ("
              + e.getMessage()
              + "); write one with protoc --include_imports --descriptor_set_out="
              + given
              + " FILE.proto");
    } catch (IOException e) {
      throw input.error("descriptors", "cannot read '" + given + "': " + e.getMessage());
    }
    if (set.getFileCount() == 0) {
      throw input.error("descriptors", "'" + given + "' holds no file descriptor");
    }
    try {
      return ProtoFiles.link(set.getFileList());
    } catch (IllegalArgumentException e) {
      throw input.error(
          "descriptors",
          "'"
              + given
              + "': "
              + e.getMessage()
              + " (write it with protoc --include_imports, so that it holds every import)");
    }
  }
}
