package org.bookshelf.system.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The compose project the files describe, read the way Compose reads them: YAML with anchors and
 * merge keys, values interpolated ({@link Interpolation}), {@code extends} resolved, later files
 * merged over earlier ones (mappings merged key by key; {@code command}, {@code entrypoint} and
 * healthcheck {@code test} replaced; other sequences joined without repeats). For checks that
 * need the files' facts (schema, published ports, memory limits), never to start anything: the
 * stack itself is always started by the compose CLI from the same files.
 */
public final class ComposeModel {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> REPLACED_SEQUENCES = Set.of("command", "entrypoint", "test");

  private final JsonNode tree;
  private final Set<String> variables;
  private final Set<String> profiles;

  private ComposeModel(JsonNode tree, Set<String> variables, Set<String> profiles) {
    this.tree = tree;
    this.variables = variables;
    this.profiles = profiles;
  }

  /** The project of {@code files} (the first one is the base) with {@code env} as the environment. */
  public static ComposeModel load(List<Path> files, Map<String, String> env) {
    Interpolation interpolation = new Interpolation(env);
    Map<String, Object> merged = new LinkedHashMap<>();
    for (Path file : files) {
      Map<String, Object> content = interpolated(file, interpolation);
      resolveExtends(content, file, interpolation);
      merged = merge(merged, content);
    }
    return new ComposeModel(JSON.valueToTree(merged), Set.copyOf(interpolation.referenced()), activeProfiles(env));
  }

  /** The profiles compose activates: {@code COMPOSE_PROFILES}, comma-separated (v1.28+ and v2). */
  private static Set<String> activeProfiles(Map<String, String> env) {
    String value = env.getOrDefault("COMPOSE_PROFILES", "");
    return value.isBlank() ? Set.of() : Set.of(value.split("\\s*,\\s*"));
  }

  /** One file as written, interpolated (its {@code extends} left as they are). */
  public static JsonNode file(Path file, Map<String, String> env) {
    return JSON.valueToTree(interpolated(file, new Interpolation(env)));
  }

  /** The same from YAML text, for checks of altered copies of a file. */
  public static JsonNode text(String yaml, Map<String, String> env) {
    return JSON.valueToTree(interpolate(new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml), new Interpolation(env)));
  }

  public JsonNode tree() {
    return tree;
  }

  /** Every variable the files interpolate, e.g. BOOKSHELF_PORT. */
  public Set<String> variables() {
    return variables;
  }

  /** The services compose starts: those without {@code profiles} and those of an active profile. */
  public List<String> serviceNames() {
    List<String> names = new ArrayList<>();
    tree.path("services").fields().forEachRemaining(service -> {
      JsonNode wanted = service.getValue().path("profiles");
      boolean active = wanted.isEmpty();
      for (JsonNode profile : wanted) {
        active |= profiles.contains(profile.asText());
      }
      if (active) {
        names.add(service.getKey());
      }
    });
    return names;
  }

  /** The active services that define a healthcheck: the ones compose can report "healthy". */
  public List<String> healthCheckedServices() {
    return serviceNames().stream().filter(name -> service(name).has("healthcheck")).toList();
  }

  public JsonNode service(String name) {
    JsonNode service = tree.path("services").path(name);
    if (service.isMissingNode()) {
      throw new IllegalArgumentException("no service " + name + " in the compose files");
    }
    return service;
  }

  /** A service's {@code mem_limit} in bytes (Docker's units: b, k, m, g are powers of 1024). */
  public long memoryLimitBytes(String service) {
    String limit = service(service).path("mem_limit").asText().trim().toLowerCase(Locale.ROOT);
    if (limit.isEmpty()) {
      throw new IllegalArgumentException("service " + service + " has no mem_limit");
    }
    String unit = limit.replaceAll("^[0-9.]+", "").replaceAll("b$", "");
    double number = Double.parseDouble(limit.replaceAll("[^0-9.]", ""));
    int power = switch (unit) {
      case "" -> 0;
      case "k" -> 1;
      case "m" -> 2;
      case "g" -> 3;
      default -> throw new IllegalArgumentException("unknown unit in mem_limit " + limit + " of " + service);
    };
    return (long) (number * Math.pow(1024, power));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> interpolated(Path file, Interpolation interpolation) {
    try (Reader reader = Files.newBufferedReader(file)) {
      Object content = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
      return (Map<String, Object>) interpolate(content, interpolation);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Object interpolate(Object node, Interpolation interpolation) {
    if (node instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      ((Map<String, Object>) map).forEach((key, value) -> out.put(String.valueOf(key), interpolate(value, interpolation)));
      return out;
    }
    if (node instanceof List<?> list) {
      return list.stream().map(item -> interpolate(item, interpolation)).toList();
    }
    return node instanceof String text ? interpolation.apply(text) : node;
  }

  /** Replaces each service's {@code extends} by the service it names, with its own keys merged over it. */
  @SuppressWarnings("unchecked")
  private static void resolveExtends(Map<String, Object> content, Path file, Interpolation interpolation) {
    Map<String, Object> services = (Map<String, Object>) content.getOrDefault("services", Map.of());
    for (Map.Entry<String, Object> entry : services.entrySet()) {
      Map<String, Object> service = (Map<String, Object>) entry.getValue();
      if (service == null || !service.containsKey("extends")) {
        continue;
      }
      Map<String, Object> extendsSpec = (Map<String, Object>) service.get("extends");
      Path source = extendsSpec.containsKey("file") ? file.resolveSibling((String) extendsSpec.get("file")) : file;
      Map<String, Object> other = source.equals(file) ? content : interpolated(source, interpolation);
      resolveExtends(other, source, interpolation);
      Object base = ((Map<String, Object>) other.get("services")).get((String) extendsSpec.get("service"));
      if (base == null) {
        throw new IllegalArgumentException(entry.getKey() + " extends " + extendsSpec + ", which does not exist");
      }
      Map<String, Object> own = new LinkedHashMap<>(service);
      own.remove("extends");
      entry.setValue(merge((Map<String, Object>) base, own));
    }
  }

  private static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> override) {
    Map<String, Object> out = new LinkedHashMap<>(base);
    override.forEach((key, added) -> out.put(key, mergeValue(key, out.get(key), added)));
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Object mergeValue(String key, Object old, Object added) {
    if (old instanceof Map<?, ?> oldMap && added instanceof Map<?, ?> addedMap) {
      return merge((Map<String, Object>) oldMap, (Map<String, Object>) addedMap);
    }
    if (old instanceof List<?> oldList && added instanceof List<?> addedList && !REPLACED_SEQUENCES.contains(key)) {
      List<Object> joined = new ArrayList<>(oldList);
      addedList.stream().filter(item -> !joined.contains(item)).forEach(joined::add);
      return joined;
    }
    return added;
  }
}
