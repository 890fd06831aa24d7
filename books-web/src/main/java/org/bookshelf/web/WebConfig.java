package org.bookshelf.web;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.bookshelf.service.AppSettings;
import org.bookshelf.service.CommonSettings;
import org.bookshelf.service.EnvConfig;
import org.bookshelf.service.Setting;

/**
 * books-web's settings from the environment: its port, the sign-in the app offers (empty: off)
 * and the settings every service shares.
 */
public record WebConfig(int port, Optional<SignInSettings> signIn, CommonSettings common) {

  public static final Setting.Int PORT = Setting.integer("PORT", 3000, 1, 65535, "HTTP port");

  /** Every variable books-web reads. */
  public static final List<Setting> SETTINGS =
      Stream.of(List.<Setting>of(PORT), SignInSettings.SETTINGS, CommonSettings.SETTINGS)
          .flatMap(List::stream)
          .toList();

  public static WebConfig from(Map<String, String> environment) {
    EnvConfig env = new EnvConfig(environment);
    return new WebConfig(env.get(PORT), SignInSettings.from(env), CommonSettings.from(env));
  }

  /** books-web's environment for the docs and manifest checks (META-INF/services). */
  public static final class Declared implements AppSettings {

    @Override
    public String image() {
      return "books-web";
    }

    @Override
    public List<Setting> settings() {
      return SETTINGS;
    }
  }
}
