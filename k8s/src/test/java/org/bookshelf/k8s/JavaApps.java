package org.bookshelf.k8s;

import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.bookshelf.service.AppSettings;

/**
 * The Java apps on the test classpath (test-scoped dependencies of this module), each found
 * through the {@link AppSettings} it registers, by the image name it ships as: a new service
 * needs a dependency in k8s/pom.xml, not an edit here.
 */
public final class JavaApps {

  private static final Map<String, AppSettings> BY_IMAGE =
      ServiceLoader.load(AppSettings.class).stream()
          .map(ServiceLoader.Provider::get)
          .collect(Collectors.toUnmodifiableMap(AppSettings::image, Function.identity()));

  private JavaApps() {}

  public static Optional<AppSettings> of(Workload workload) {
    return Optional.ofNullable(BY_IMAGE.get(workload.imageName()));
  }

  public static Map<String, AppSettings> byImage() {
    return BY_IMAGE;
  }
}
