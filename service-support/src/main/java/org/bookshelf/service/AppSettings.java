package org.bookshelf.service;

import java.util.List;

/**
 * The environment one app reads, declared once in its config class. Each app registers an
 * implementation in {@code META-INF/services}, so checks that compare deployments and docs with
 * the code (the k8s tests, docs/configuration.md) find every app on their classpath without a
 * list of apps to keep.
 */
public interface AppSettings {

  /** The image the app ships as (its Maven artifactId), as the manifests name it. */
  String image();

  /** Every variable the app reads, in the order the docs list them. */
  List<Setting> settings();
}
