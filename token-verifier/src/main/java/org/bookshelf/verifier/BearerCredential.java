package org.bookshelf.verifier;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads the token out of the request's {@code Authorization} headers (RFC 6750 section 2.1):
 * exactly one header, scheme {@code Bearer} in any case (RFC 9110 section 11.1: the scheme is
 * case-insensitive), one or more spaces, a token68 no longer than the bound.
 */
final class BearerCredential {

  private static final Pattern TOKEN68 = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");

  private final int maxBytes;

  BearerCredential(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** What the headers hold: a token to verify, or the refusal to send. */
  sealed interface Read permits Token, Verdict.Refused {}

  record Token(String value) implements Read {}

  Read read(List<String> authorizationHeaders) {
    if (authorizationHeaders.isEmpty()) {
      return new Verdict.Refused(401, "", "Writes need a credential: send Authorization: Bearer <token>.");
    }
    if (authorizationHeaders.size() > 1) {
      return Verdict.Refused.invalidRequest("The request has more than one Authorization header.");
    }
    String value = authorizationHeaders.get(0);
    if (value.length() > maxBytes) {
      return Verdict.Refused.invalidRequest("The credential is longer than " + maxBytes + " bytes.");
    }
    int space = value.indexOf(' ');
    if (space < 0 || !value.substring(0, space).toLowerCase(Locale.ROOT).equals("bearer")) {
      return Verdict.Refused.invalidRequest("The credential must use the Bearer scheme.");
    }
    String token = value.substring(space).stripLeading();
    if (!TOKEN68.matcher(token).matches()) {
      return Verdict.Refused.invalidRequest("The bearer token is malformed.");
    }
    return new Token(token);
  }
}
