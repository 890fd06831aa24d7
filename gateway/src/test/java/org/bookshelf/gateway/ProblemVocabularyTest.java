package org.bookshelf.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bookshelf.service.Problem;
import org.bookshelf.service.ProblemType;
import org.bookshelf.testsupport.gateway.GatewayFiles;
import org.junit.jupiter.api.Test;

/**
 * The gateway's copy of the problem vocabulary (nginx/problems.conf) against the one list,
 * {@link ProblemType}, and its error pages against that copy. The other gateway tests check the
 * answers nginx really sends (Problems.assertProblem); this one also covers statuses no test
 * can provoke on demand (403, 408, 500).
 */
class ProblemVocabularyTest {

  private static final Pattern ERROR_PAGE = Pattern.compile("(?m)^\\s*error_page\\s+([0-9 ]+?)\\s+(?:=(\\d{3})\\s+)?(\\S+);");
  private static final Pattern RETURN_BODY = Pattern.compile("(?m)^\\s*return\\s+(\\d{3})\\s+'(.*)';");

  @Test
  void the_type_and_title_maps_match_ProblemType() throws IOException {
    Map<Integer, String> types = statusMap("bookshelf_problem_type");
    Map<Integer, String> titles = statusMap("bookshelf_problem_title");

    assertThat(types).isNotEmpty();
    assertThat(titles.keySet()).isEqualTo(types.keySet());
    types.forEach(
        (status, uri) -> {
          ProblemType type = ProblemType.forStatus(status).orElseThrow(() -> new AssertionError("ProblemType has no " + status));
          assertThat(uri).as("type of %d", status).isEqualTo(type.uri());
          assertThat(titles.get(status)).as("title of %d", status).isEqualTo(type.title());
        });
  }

  @Test
  void every_error_page_is_a_problem_of_the_vocabulary() throws IOException {
    String errors = read("api_json_errors.conf");
    Map<Integer, String> types = statusMap("bookshelf_problem_type");
    Set<Integer> answered = new TreeSet<>();
    Matcher m = ERROR_PAGE.matcher(errors);
    while (m.find()) {
      assertThat(m.group(3)).as(m.group()).isIn("@problem", "/_bookshelf/problem");
      for (String code : m.group(1).trim().split("\\s+")) {
        answered.add(m.group(2) != null ? Integer.parseInt(m.group(2)) : Integer.parseInt(code));
      }
    }

    assertThat(answered).contains(400, 401, 404, 405, 413, 429, 431, 502, 503, 504);
    assertThat(types.keySet()).containsAll(answered);
    assertThat(statusMap("bookshelf_problem_detail").keySet()).containsAll(answered);
  }

  @Test
  void the_problem_body_has_the_fields_of_a_service_problem() throws IOException {
    Matcher body = RETURN_BODY.matcher(read("problem.conf"));
    assertThat(body.find()).as("problem.conf returns a body").isTrue();
    // Every variable replaced by a sample value, as nginx would; instance's map yields a member.
    String json =
        body.group(2)
            .replace("$bookshelf_problem_instance", ",\"instance\":\"/books\"")
            .replace("$status", "404")
            .replaceAll("\\$[a-z_]+", "x")
            .replace("\\n", "");
    JsonNode problem = new ObjectMapper().readTree(json);

    Set<String> fields = new TreeSet<>();
    problem.fieldNames().forEachRemaining(fields::add);
    Set<String> serviceFields =
        Arrays.stream(Problem.class.getRecordComponents())
            .map(c -> c.getName())
            .filter(name -> !name.equals("errors")) // validation only: a service's 400
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(fields).isEqualTo(serviceFields);
  }

  @Test
  void no_other_location_writes_an_error_body_of_its_own() throws IOException {
    try (Stream<Path> files = Files.walk(GatewayFiles.locate().configSource())) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Matcher m = RETURN_BODY.matcher(Files.readString(file));
        while (m.find()) {
          if (Integer.parseInt(m.group(1)) >= 400) {
            throw new AssertionError(file.getFileName() + " answers an error with its own body: " + m.group());
          }
        }
      }
    }
  }

  /** The {@code map $status $name { NNN "value"; … }} entries of problems.conf. */
  private static Map<Integer, String> statusMap(String name) throws IOException {
    String conf = read("problems.conf");
    Matcher block = Pattern.compile("map \\$status \\$" + name + " \\{(.*?)\\n\\}", Pattern.DOTALL).matcher(conf);
    assertThat(block.find()).as("map for $%s in problems.conf", name).isTrue();
    Map<Integer, String> entries = new TreeMap<>();
    Matcher entry = Pattern.compile("(?m)^\\s*(\\d{3})\\s+\"?(.*?)\"?;\\s*$").matcher(block.group(1));
    while (entry.find()) {
      entries.put(Integer.parseInt(entry.group(1)), entry.group(2));
    }
    return entries;
  }

  private static String read(String file) throws IOException {
    return Files.readString(GatewayFiles.locate().configSource().resolve(file));
  }
}
