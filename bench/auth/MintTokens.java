import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * bench/auth.sh's issuer: java -cp nimbus-jose-jwt.jar MintTokens.java DIR ISSUER writes
 * DIR/certs (the public JWK set) and DIR/token (an editor's RS256 access token shaped like
 * Keycloak's, valid for an hour).
 */
public class MintTokens {
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    RSAKey key = new RSAKeyGenerator(2048).keyID("bench").generate();
    Files.writeString(dir.resolve("certs"), new JWKSet(key.toPublicJWK()).toString());
    long now = System.currentTimeMillis();
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("bench").build(),
        new JWTClaimsSet.Builder().issuer(args[1]).audience(List.of("bookshelf-api", "account"))
            .subject("0b7e3c1a-bench").claim("preferred_username", "editor").claim("azp", "bookshelf-web")
            .claim("realm_access", Map.of("roles", List.of("editor", "offline_access", "uma_authorization")))
            .claim("scope", "openid profile email").issueTime(new Date(now))
            .expirationTime(new Date(now + 3_600_000)).build());
    jwt.sign(new RSASSASigner(key));
    Files.writeString(dir.resolve("token"), jwt.serialize());
  }
}
