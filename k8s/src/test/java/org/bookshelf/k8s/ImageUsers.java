package org.bookshelf.k8s;

import java.io.IOException;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The uid each image runs as, read from the build: Jib's {@code container.user} in the parent
 * POM, the gateway Dockerfile's {@code USER}, and the offline PostgreSQL stand-in's postgres uid
 * (which tools/offline-images.sh sets to the official image's 999).
 */
public final class ImageUsers {

  private ImageUsers() {}

  public static long uidOf(String workload) {
    return switch (workload) {
      case Apps.BOOKS_SERVICE, Apps.BOOKS_WEB ->
          find("pom.xml", "<user>(\\d+):\\d+</user>");
      case Apps.GATEWAY -> find("gateway/Dockerfile", "(?m)^USER (\\d+)");
      case Apps.POSTGRES -> find("tools/offline-images.sh", "usermod --uid (\\d+)");
      default -> throw new IllegalArgumentException(workload);
    };
  }

  private static long find(String file, String regex) {
    try {
      Matcher matcher = Pattern.compile(regex).matcher(Files.readString(Repository.path(file)));
      if (!matcher.find()) {
        throw new IllegalStateException(file + " no longer matches " + regex);
      }
      return Long.parseLong(matcher.group(1));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file, e);
    }
  }
}
