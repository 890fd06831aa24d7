package org.bookshelf.service;

/**
 * The request headers in which the gateway names the verified caller of a request (docs/auth.md).
 * The gateway always sets or clears them, so a client-sent copy never passes; a service trusts
 * them only because nothing but the gateway reaches it. The token verifier answers the gateway's
 * {@code auth_request} with the same two headers, which nginx copies upstream.
 */
public final class IdentityHeaders {

  /**
   * Who the caller is, stable across renames: a token's {@code sub}, or {@code api-key:<client>}
   * for an API key.
   */
  public static final String SUBJECT = "X-Auth-Subject";

  /**
   * The name to show and to record (books' {@code createdBy}/{@code updatedBy}): a user's
   * {@code preferred_username}, or an API key's client name from the key file.
   */
  public static final String NAME = "X-Auth-Name";

  private IdentityHeaders() {}
}
