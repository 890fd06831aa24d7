package org.bookshelf.verifier;

import java.time.Instant;

/** What the verifier answers the gateway: the caller, or why the request is refused. */
public sealed interface Verdict {

  /** A valid token with the required role: who the caller is, and until when. */
  record Granted(String subject, String name, Instant expiresAt) implements Verdict {}

  /**
   * Refused: 401 ({@code invalid_request}/{@code invalid_token}) or 403
   * ({@code insufficient_scope}), RFC 6750 section 3.1, with a reason for people. Reasons are
   * fixed texts of this class's callers, never echo the token, and stay within the characters
   * the gateway copies into its JSON answer.
   */
  record Refused(int status, String error, String reason)
      implements Verdict, BearerCredential.Read {

    static Refused invalidRequest(String reason) {
      return new Refused(401, "invalid_request", reason);
    }

    static Refused invalidToken(String reason) {
      return new Refused(401, "invalid_token", reason);
    }

    static Refused insufficientScope(String reason) {
      return new Refused(403, "insufficient_scope", reason);
    }
  }
}
