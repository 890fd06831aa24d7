package org.bookshelf.system.signin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.bookshelf.system.support.Commands;
import org.bookshelf.system.support.StackContainer;
import org.bookshelf.system.support.SystemStack;

/**
 * Keycloak's admin CLI inside the identity container, as an operator would use it: the admin
 * API is reachable only inside the network (the gateway never routes it). Signs in with the
 * bootstrap administrator the compose file gives the local stack. Its config file goes to /tmp
 * (the root filesystem is read-only).
 */
final class KeycloakAdmin {

  private static final String KCADM = "/opt/keycloak/bin/kcadm.sh";
  private static final String CONFIG = "/tmp/kcadm.config";

  private final StackContainer identity;

  private KeycloakAdmin(StackContainer identity) {
    this.identity = identity;
  }

  /** Signed in to the master realm with the compose file's bootstrap administrator. */
  static KeycloakAdmin signIn(SystemStack stack) {
    JsonNode environment = stack.model().service("identity").path("environment");
    KeycloakAdmin admin = new KeycloakAdmin(stack.service("identity"));
    admin.run("config", "credentials", "--server", "http://localhost:8080/auth", "--realm", "master",
        "--user", environment.path("KC_BOOTSTRAP_ADMIN_USERNAME").asText(),
        "--password", environment.path("KC_BOOTSTRAP_ADMIN_PASSWORD").asText());
    return admin;
  }

  /**
   * Adds a generated RSA signing key to the realm with a priority above every other key, so the
   * realm signs new tokens with it; the earlier keys stay (tokens they signed remain valid).
   */
  void addSigningKey(String realm, String name, int priority) {
    run("create", "components", "-r", realm, "-s", "name=" + name, "-s", "providerId=rsa-generated",
        "-s", "providerType=org.keycloak.keys.KeyProvider", "-s", "config.priority=[\"" + priority + "\"]",
        "-s", "config.algorithm=[\"RS256\"]", "-s", "config.keySize=[\"2048\"]");
  }

  /** The {@code kid} the realm signs RS256 tokens with now. */
  String activeKeyId(String realm) {
    String output = run("get", "keys", "-r", realm); // JSON, after anything the CLI logs first
    return Tokens.read(output.substring(output.indexOf('{'))).path("active").path("RS256").asText();
  }

  private String run(String... args) {
    List<String> command = new ArrayList<>(List.of(KCADM));
    command.addAll(List.of(args));
    command.add("--config");
    command.add(CONFIG);
    Commands.Result result = identity.exec(command.toArray(String[]::new));
    if (result.exitCode() != 0) {
      throw new IllegalStateException("kcadm " + args[0] + " " + args[1] + " exited " + result.exitCode() + ": " + result.output());
    }
    return result.output();
  }
}
