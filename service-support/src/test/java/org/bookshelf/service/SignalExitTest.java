package org.bookshelf.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SignalExitTest {

  @Test
  void sigterm_drains_closes_resources_and_exits_0() throws Exception {
    Process process = SignalExitMain.launch();
    List<String> output = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        output.add(line);
        if (line.startsWith("READY ")) {
          process.toHandle().destroy(); // SIGTERM, keeping our end of the pipe open
        }
      }
    }
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(process.exitValue()).as(String.join("\n", output)).isZero();
    assertThat(output).anyMatch(l -> l.contains("shutdown complete"));
    assertThat(output).contains("resource closed");
  }
}
