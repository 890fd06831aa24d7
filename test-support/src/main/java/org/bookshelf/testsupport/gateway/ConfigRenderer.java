package org.bookshelf.testsupport.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the gateway's own render-config.sh, exactly as the container entrypoint does, with only
 * the given {@code GATEWAY_*} / {@code BOOKS_*} variables (none inherited from the machine).
 */
public final class ConfigRenderer {

  private ConfigRenderer() {}

  public static RenderResult render(GatewayFiles files, Map<String, String> env, Path runtimeDir) {
    var builder =
        new ProcessBuilder(
                "sh",
                files.renderScript().toString(),
                files.configSource().toString(),
                runtimeDir.toString())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    builder.environment().keySet().removeIf(name -> name.startsWith("GATEWAY_") || name.startsWith("BOOKS_"));
    builder.environment().putAll(env);
    try {
      Process process = builder.start();
      String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("render-config.sh did not finish");
      }
      return new RenderResult(process.exitValue(), stderr);
    } catch (IOException e) {
      throw new IllegalStateException("cannot run render-config.sh", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
