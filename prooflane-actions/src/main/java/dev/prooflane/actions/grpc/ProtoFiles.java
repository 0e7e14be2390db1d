package dev.prooflane.actions.grpc;

import com.google.protobuf.AnyProto;
import com.google.protobuf.ApiProto;
import com.google.protobuf.DescriptorProtos;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.DurationProto;
import com.google.protobuf.EmptyProto;
import com.google.protobuf.FieldMaskProto;
import com.google.protobuf.SourceContextProto;
import com.google.protobuf.StructProto;
import com.google.protobuf.TimestampProto;
import com.google.protobuf.TypeProto;
import com.google.protobuf.WrappersProto;
import com.google.protobuf.util.JsonFormat.TypeRegistry;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The protobuf files a call's types come from, linked to each other: built from {@code
 * FileDescriptorProto}s (of a descriptor-set file or of server reflection), with protobuf's
 * well-known types filling in imports the files themselves lack.
 */
final class ProtoFiles {
  /** The well-known types protobuf-java compiles in, by file name. */
  private static final Map<String, FileDescriptor> WELL_KNOWN =
      Stream.of(
              AnyProto.getDescriptor(),
              ApiProto.getDescriptor(),
              DescriptorProtos.getDescriptor(),
              DurationProto.getDescriptor(),
              EmptyProto.getDescriptor(),
              FieldMaskProto.getDescriptor(),
              SourceContextProto.getDescriptor(),
              StructProto.getDescriptor(),
              TimestampProto.getDescriptor(),
              TypeProto.getDescriptor(),
              WrappersProto.getDescriptor())
          .collect(Collectors.toUnmodifiableMap(FileDescriptor::getName, Function.identity()));

  private final Map<String, ServiceDescriptor> services;
  private final TypeRegistry types;

  private ProtoFiles(Collection<FileDescriptor> files) {
    Map<String, ServiceDescriptor> byName = new TreeMap<>();
    TypeRegistry.Builder registry = TypeRegistry.newBuilder();
    for (FileDescriptor file : files) {
      file.getServices().forEach(s -> byName.putIfAbsent(s.getFullName(), s));
      registry.add(file.getMessageTypes());
    }
    this.services = byName;
    this.types = registry.build();
  }

  /**
   * Links {@code protos}: each file with the files it imports.
   *
   * @throws IllegalArgumentException naming a file that is invalid or imports one that is missing
   */
  static ProtoFiles link(Collection<FileDescriptorProto> protos) {
    Map<String, FileDescriptorProto> byName = new LinkedHashMap<>();
    protos.forEach(p -> byName.putIfAbsent(p.getName(), p));
    Map<String, FileDescriptor> built = new LinkedHashMap<>();
    for (String name : byName.keySet()) {
      build(name, null, byName, built, new LinkedHashSet<>());
    }
    return new ProtoFiles(built.values());
  }

  private static FileDescriptor build(
      String name,
      String importedBy,
      Map<String, FileDescriptorProto> protos,
      Map<String, FileDescriptor> built,
      Set<String> building) {
    FileDescriptor done = built.get(name);
    if (done != null) {
      return done;
    }
    FileDescriptorProto proto = protos.get(name);
    if (proto == null) {
      FileDescriptor known = WELL_KNOWN.get(name);
      if (known == null) {
        throw new IllegalArgumentException(
            "'" + importedBy + "' imports '" + name + "', which is not among the files");
      }
      built.put(name, known);
      return known;
    }
    if (!building.add(name)) {
      throw new IllegalArgumentException(
          "'" + name + "' imports itself (through " + String.join(" -> ", building) + ")");
    }
    FileDescriptor[] imports = new FileDescriptor[proto.getDependencyCount()];
    for (int i = 0; i < imports.length; i++) {
      imports[i] = build(proto.getDependency(i), name, protos, built, building);
    }
    building.remove(name);
    try {
      FileDescriptor file = FileDescriptor.buildFrom(proto, imports);
      built.put(name, file);
      return file;
    } catch (DescriptorValidationException e) {
      throw new IllegalArgumentException("'" + name + "' is not valid: " + e.getMessage(), e);
    }
  }

  /** The files {@code protos} import that are neither among them nor well-known types. */
  static Set<String> missingImports(Collection<FileDescriptorProto> protos) {
    Set<String> have = new HashSet<>();
    protos.forEach(p -> have.add(p.getName()));
    Set<String> missing = new LinkedHashSet<>();
    for (FileDescriptorProto p : protos) {
      for (String dependency : p.getDependencyList()) {
        if (!have.contains(dependency) && !WELL_KNOWN.containsKey(dependency)) {
          missing.add(dependency);
        }
      }
    }
    return missing;
  }

  /** The service of this full name ({@code package.Service}). */
  Optional<ServiceDescriptor> service(String fullName) {
    return Optional.ofNullable(services.get(fullName));
  }

  /** The full names of the services the files define, sorted. */
  List<String> services() {
    return List.copyOf(services.keySet());
  }

  /** Every message type of the files, for JSON's {@code Any}. */
  TypeRegistry types() {
    return types;
  }
}
