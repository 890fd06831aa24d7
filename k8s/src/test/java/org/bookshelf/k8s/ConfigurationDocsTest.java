package org.bookshelf.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bookshelf.service.AppSettings;
import org.bookshelf.service.Setting;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md lists every variable of every app as the code declares it. The Java
 * apps' tables are generated from their {@link Setting}s: when they disagree, the test writes the
 * corrected file to {@code k8s/target/configuration.md} to copy over. The gateway's table must
 * name exactly the variables render-config.sh gives defaults, with those defaults.
 */
class ConfigurationDocsTest {

  private static final Path DOC = Repository.path("docs/configuration.md");
  private static final Pattern SECTION =
      Pattern.compile("(<!-- settings: ([a-z-]+) -->\\n)(.*?)(<!-- /settings -->)", Pattern.DOTALL);
  private static final Pattern ROW = Pattern.compile("(?m)^\\| `([A-Z][A-Z0-9_]*)` \\| ([^|]*) \\|");

  @Test
  void every_java_apps_table_is_the_one_its_settings_generate() throws IOException {
    String doc = Files.readString(DOC);
    Map<String, AppSettings> apps = JavaApps.byImage();
    assertThat(sections(doc)).as("generated tables in %s", DOC).containsAll(apps.keySet());

    String expected = regenerate(doc, apps);
    if (!expected.equals(doc)) {
      Path corrected = Path.of("target/configuration.md").toAbsolutePath();
      Files.createDirectories(corrected.getParent());
      Files.writeString(corrected, expected);
      assertThat(doc).as("docs/configuration.md disagrees with the code; corrected copy: %s", corrected)
          .isEqualTo(expected);
    }
  }

  @Test
  void the_gateway_table_names_every_variable_render_config_defaults_with_its_default() throws IOException {
    Map<String, String> documented = new java.util.LinkedHashMap<>();
    Matcher row = ROW.matcher(section(Files.readString(DOC), "gateway"));
    while (row.find()) {
      documented.put(row.group(1), row.group(2).strip());
    }
    Map<String, String> expected = new java.util.LinkedHashMap<>();
    AppEnvironment.gatewayDefaults().forEach((name, value) -> expected.put(name, code(value)));

    assertThat(documented).containsExactlyEntriesOf(expected);
  }

  @Test
  void a_table_shows_each_setting_with_its_default_accepted_values_and_meaning() {
    String table = table(List.of(
        Setting.integer("PORT", 5000, 1, 65535, "HTTP port"),
        Setting.text("DB_PASSWORD", "", "database password")));

    assertThat(table).isEqualTo("""
        | variable | default | accepts | meaning |
        | --- | --- | --- | --- |
        | `PORT` | `5000` | an integer from 1 to 65535 | HTTP port |
        | `DB_PASSWORD` | (empty) | text | database password |
        """);
  }

  static String table(List<Setting> settings) {
    StringBuilder table = new StringBuilder("| variable | default | accepts | meaning |\n| --- | --- | --- | --- |\n");
    for (Setting s : settings) {
      table.append("| `").append(s.name()).append("` | ").append(code(s.defaultValue())).append(" | ")
          .append(s.accepts()).append(" | ").append(s.meaning()).append(" |\n");
    }
    return table.toString();
  }

  private static String code(String value) {
    return value.isEmpty() ? "(empty)" : "`" + value + "`";
  }

  private static String regenerate(String doc, Map<String, AppSettings> apps) {
    Matcher m = SECTION.matcher(doc);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      AppSettings app = apps.get(m.group(2));
      String body = app == null ? m.group(3) : table(app.settings());
      m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + body + m.group(4)));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static List<String> sections(String doc) {
    List<String> names = new ArrayList<>();
    Matcher m = SECTION.matcher(doc);
    while (m.find()) {
      names.add(m.group(2));
    }
    return names;
  }

  private static String section(String doc, String name) {
    Matcher m = SECTION.matcher(doc);
    while (m.find()) {
      if (m.group(2).equals(name)) {
        return m.group(3);
      }
    }
    throw new AssertionError("docs/configuration.md has no section <!-- settings: " + name + " -->");
  }
}
