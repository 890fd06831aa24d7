package org.bookshelf.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bookshelf.system.support.Commands;
import org.bookshelf.testsupport.RequiresDocker;
import org.bookshelf.testsupport.TestSettings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Java images start from their AppCDS archive (tools/app-cds.sh): the entrypoint's argfile
 * names it, and the image's own JVM maps it for the image's class path. {@code -Xshare:on} makes
 * an unusable archive fatal where the entrypoint's {@code -Xshare:auto} would quietly start
 * without it, a second slower.
 */
@RequiresDocker
class AppCdsIT {

  @ParameterizedTest
  @CsvSource({"books-service, org.bookshelf.books.Main", "books-web, org.bookshelf.web.Main"})
  void the_image_maps_its_archive_for_its_own_class_path(String image, String mainClass) {
    String name = TestSettings.projectImage(image).asCanonicalNameString();

    String argfile = docker("run", "--rm", "--entrypoint", "cat", name, "/app/cds/jvm.args");
    assertThat(argfile.lines()).contains("-XX:SharedArchiveFile=/app/cds/app.jsa", "-Xshare:auto");

    String archive =
        docker("run", "--rm", "--entrypoint", "java", name, "-XX:SharedArchiveFile=/app/cds/app.jsa",
            "-Xshare:on", "-XX:+PrintSharedArchiveAndExit", "-cp", "@/app/jib-classpath-file");
    // Valid for this JVM and class path, and holding the app's own classes, not only the JDK's.
    assertThat(archive).contains("archive is valid", mainClass + " app_loader");
  }

  private static String docker(String... args) {
    List<String> command = new ArrayList<>(List.of("docker"));
    command.addAll(List.of(args));
    return Commands.run(command, Path.of("."), Map.of(), 120).orThrow(command).output();
  }
}
