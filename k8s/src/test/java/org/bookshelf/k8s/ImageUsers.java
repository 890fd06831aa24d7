package org.bookshelf.k8s;

import java.io.IOException;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The uid each image runs as, from where its build sets it: the Java (Jib) images from the parent
 * POM's {@code image.user}, which Maven passes as {@code bookshelf.image.user}; the gateway from
 * its Dockerfile's {@code USER}, as the identity provider from its own; PostgreSQL from the offline stand-in's postgres uid (which
 * tools/offline-images.sh sets to the official image's 999).
 */
public final class ImageUsers {

  private ImageUsers() {}

  public static long uidOf(Workload workload) {
    if (JavaApps.of(workload).isPresent()) {
      String uid = System.getProperty("bookshelf.image.user");
      if (uid == null) {
        throw new IllegalStateException("bookshelf.image.user is not set: run through Maven (k8s/pom.xml passes it)");
      }
      return Long.parseLong(uid);
    }
    return switch (workload.imageName()) {
      case AppEnvironment.GATEWAY_IMAGE -> find("gateway/Dockerfile", "(?m)^USER (\\d+)");
      case AppEnvironment.POSTGRES_IMAGE -> find("tools/offline-images.sh", "usermod --uid (\\d+)");
      case AppEnvironment.IDENTITY_IMAGE -> find("identity/Dockerfile", "(?m)^USER (\\d+)");
      default -> throw new AssertionError(workload.name() + ": no known user for image " + workload.imageName());
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
