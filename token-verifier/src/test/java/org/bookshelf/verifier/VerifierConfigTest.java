package org.bookshelf.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import java.util.List;
import java.util.Map;
import org.bookshelf.service.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VerifierConfigTest {

  private static final String ISSUER = "http://localhost:8080/auth/realms/bookshelf";

  @Test
  void without_an_issuer_the_verifier_refuses_to_start() {
    assertThatThrownBy(() -> VerifierConfig.from(Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("OIDC_ISSUER is required");
  }

  @Test
  void defaults_are_keycloaks_realm_roles_the_editor_role_and_asymmetric_algorithms() {
    VerifierConfig config = VerifierConfig.from(Map.of("OIDC_ISSUER", ISSUER));

    assertThat(config.audience()).isEqualTo("bookshelf-api");
    assertThat(config.roleClaimPath()).containsExactly("realm_access", "roles");
    assertThat(config.requiredRole()).isEqualTo("editor");
    assertThat(config.algorithms()).containsExactlyInAnyOrder(JWSAlgorithm.RS256, JWSAlgorithm.PS256, JWSAlgorithm.ES256);
    assertThat(config.jwksUri()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"none", "HS256", "RS256,HS512", "EdDSA", "rs256"})
  void symmetric_unsecured_or_unknown_algorithms_are_refused(String list) {
    assertThatThrownBy(() -> VerifierConfig.from(Map.of("OIDC_ISSUER", ISSUER, "OIDC_ALGORITHMS", list)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("OIDC_ALGORITHMS");
  }

  @ParameterizedTest
  @ValueSource(strings = {"OIDC_ISSUER", "OIDC_JWKS_URI"})
  void urls_must_be_http_or_https(String variable) {
    var env = new java.util.HashMap<>(Map.of("OIDC_ISSUER", ISSUER));
    env.put(variable, "file:///etc/passwd");

    assertThatThrownBy(() -> VerifierConfig.from(env)).isInstanceOf(ConfigException.class).hasMessageContaining(variable);
  }

  @Test
  void the_credential_reader_takes_one_bearer_header_in_any_case_within_the_bound() {
    BearerCredential reader = new BearerCredential(64);

    assertThat(reader.read(List.of("Bearer abc.def.ghi"))).isEqualTo(new BearerCredential.Token("abc.def.ghi"));
    assertThat(reader.read(List.of("bEaReR   abc"))).isEqualTo(new BearerCredential.Token("abc"));
    assertThat(reader.read(List.of())).isInstanceOfSatisfying(Verdict.Refused.class, r -> assertThat(r.error()).isEmpty());
    for (List<String> bad : List.of(List.of("Bearer a", "Bearer a"), List.of("Basic YWJj"), List.of("Bearer"),
        List.of("Bearer a b"), List.of("Bearer " + "a".repeat(64)))) {
      assertThat(reader.read(bad)).as("%s", bad)
          .isInstanceOfSatisfying(Verdict.Refused.class, r -> assertThat(r.error()).isEqualTo("invalid_request"));
    }
  }
}
