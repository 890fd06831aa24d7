package org.bookshelf.testsupport.gateway;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bookshelf.testsupport.Command;
import org.bookshelf.testsupport.CommandResult;

/**
 * Runs the gateway's own render-config.sh, exactly as the container entrypoint does, with only
 * the given {@code GATEWAY_*} / {@code BOOKS_*} variables (none inherited from the machine).
 */
public final class ConfigRenderer {

  private ConfigRenderer() {}

  /**
   * @param options given before the directories, e.g. {@code --check} (the image build's render)
   * @throws org.bookshelf.testsupport.CommandTimedOut when it takes over 30 s
   */
  public static RenderResult render(GatewayFiles files, Map<String, String> env, Path runtimeDir, String... options) {
    var environment = new HashMap<>(System.getenv());
    environment.keySet().removeIf(name -> name.startsWith("GATEWAY_") || name.startsWith("BOOKS_"));
    environment.putAll(env);
    var commandLine = new ArrayList<String>(List.of("sh", files.renderScript().toString()));
    commandLine.addAll(List.of(options));
    commandLine.addAll(List.of(files.configSource().toString(), runtimeDir.toString()));
    CommandResult result =
        Command.of(commandLine)
            .withOnlyEnvironment(environment)
            .within(Duration.ofSeconds(30))
            .run();
    return new RenderResult(result.exitCode(), result.stderr());
  }
}
