package dev.prooflane.agent;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * Puts the detector's core ({@code dev.prooflane.agent.detector}) on the bootstrap class path,
 * once, before anything of the extension uses it. One copy then serves every caller: the advice
 * woven into {@code java.base} ({@code HttpURLConnection}), the platform loader's {@code
 * java.net.http} and application class loaders (gRPC), and the extension's own propagator, which
 * notes the inbound key under the core's Context key. The agent's own helper injection would give
 * each class loader its own copy, with its own Context key and writer.
 *
 * <p>The class bytes are read through the extension's class loader, which the agent remaps to its
 * bootstrap copy of the OpenTelemetry API. This class must not name the core's classes.
 */
final class BootstrapInstaller {

  /** Every class of {@code dev.prooflane.agent.detector} (a test keeps this list whole). */
  static final List<String> CORE_CLASSES =
      List.of(
          "ApplicationFrames",
          "Detector",
          "DetectorConfig",
          "DropBounds",
          "DropRecord",
          "DropRecord$Outbound",
          "DropReporter",
          "DropWriter",
          "Inbound",
          "InboundCapture",
          "JsonLine",
          "KeyCarriers",
          "OutboundHeaders");

  static final String CORE_PACKAGE = "dev/prooflane/agent/detector/";

  private static final boolean INSTALLED = install();

  private BootstrapInstaller() {}

  /** Whether the core is on the bootstrap class path (the detector is on). */
  static boolean installed() {
    return INSTALLED;
  }

  private static boolean install() {
    if (System.getProperty("prooflane.drops.file", "").trim().isEmpty()) {
      return false;
    }
    try {
      Instrumentation instrumentation =
          (Instrumentation)
              Class.forName(
                      "io.opentelemetry.javaagent.bootstrap.InstrumentationHolder", true, null)
                  .getMethod("getInstrumentation")
                  .invoke(null);
      Path jar = Files.createTempFile("prooflane-detector-", ".jar");
      jar.toFile().deleteOnExit();
      ClassLoader extension = BootstrapInstaller.class.getClassLoader();
      try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
        for (String name : CORE_CLASSES) {
          String path = CORE_PACKAGE + name + ".class";
          try (InputStream in = extension.getResourceAsStream(path)) {
            if (in == null) {
              throw new IOException(path + " is not in the extension jar");
            }
            out.putNextEntry(new JarEntry(path));
            in.transferTo(out);
            out.closeEntry();
          }
        }
      }
      instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(jar.toFile()));
      return true;
    } catch (ReflectiveOperationException | IOException | RuntimeException e) {
      System.err.println("prooflane drop detector: off, cannot load its core (" + e + ")");
      return false;
    }
  }
}
