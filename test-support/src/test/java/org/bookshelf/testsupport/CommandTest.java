package org.bookshelf.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandTest {

  @Test
  void a_command_that_exits_non_zero_reports_its_code_and_both_streams() {
    CommandResult result = Command.of("sh", "-c", "echo out; echo err >&2; exit 3").run();

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.succeeded()).isFalse();
    assertThat(result.stdout()).isEqualTo("out\n");
    assertThat(result.stderr()).isEqualTo("err\n");
    assertThatThrownBy(result::orThrow)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("sh -c echo out; echo err >&2; exit 3 exited 3")
        .hasMessageContaining("err");
  }

  @Test
  void a_command_that_prints_more_than_a_pipe_holds_does_not_block() {
    // 256 KB on each stream: far more than a 64 KB pipe buffer.
    String script = "head -c 262144 /dev/zero | tr '\\0' o; head -c 262144 /dev/zero | tr '\\0' e >&2";

    CommandResult result = Command.of("sh", "-c", script).within(Duration.ofSeconds(30)).run();

    assertThat(result.exitCode()).isZero();
    assertThat(result.stdout()).hasSize(262_144).matches("o+");
    assertThat(result.stderr()).hasSize(262_144).matches("e+");
  }

  @Test
  void times_out_naming_the_command() {
    long start = System.nanoTime();

    assertThatThrownBy(() -> Command.of("sleep", "30").within(Duration.ofSeconds(1)).run())
        .isInstanceOf(CommandTimedOut.class)
        .hasMessageContaining("sleep 30")
        .hasMessageContaining("did not finish within 1.0 s");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void a_timeout_quotes_the_tail_of_the_output() {
    Command script = Command.of("sh", "-c", "echo started; sleep 30").mergingErrors().within(Duration.ofSeconds(1));

    assertThatThrownBy(script::run)
        .isInstanceOf(CommandTimedOut.class)
        .hasMessageContaining("sh -c echo started; sleep 30")
        .hasMessageEndingWith("started\n");
  }

  @Test
  void a_program_that_is_not_installed_fails_naming_it() {
    assertThatThrownBy(() -> Command.of("bookshelf-no-such-program", "--version").run())
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("cannot run bookshelf-no-such-program --version");
  }

  @Test
  void merged_errors_keep_the_order_they_were_written_in() {
    CommandResult result = Command.of("sh", "-c", "echo one; echo two >&2; echo three").mergingErrors().run();

    assertThat(result.stdout()).isEqualTo("one\ntwo\nthree\n");
    assertThat(result.stderr()).isEmpty();
  }

  @Test
  void only_the_given_environment_replaces_the_inherited_one() {
    CommandResult result = Command.of("/usr/bin/env").withOnlyEnvironment(Map.of("ONLY", "this")).run();

    assertThat(result.stdout()).isEqualTo("ONLY=this\n");
  }

  @Test
  void environment_changes_are_added_to_the_inherited_one() {
    CommandResult result =
        Command.of("sh", "-c", "echo \"$ADDED:$PATH\"").withEnvironment(Map.of("ADDED", "yes")).run();

    assertThat(result.stdout()).startsWith("yes:").contains(System.getenv("PATH"));
  }

  @Test
  void runs_in_the_given_directory(@TempDir Path dir) throws IOException {
    CommandResult result = Command.of("pwd").in(dir).run();

    assertThat(Path.of(result.stdout().strip())).isEqualTo(dir.toRealPath());
  }
}
