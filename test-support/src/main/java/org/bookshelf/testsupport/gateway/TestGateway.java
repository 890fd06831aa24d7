package org.bookshelf.testsupport.gateway;

import java.util.HashMap;
import java.util.Map;

/**
 * The gateway tests' settings on top of test-support's {@link NginxGateway}: the key file compose
 * mounts for local runs (key {@link Http#LOCAL_KEY}) and rate limits no test meets by accident
 * (RateLimitTest sets its own); {@code env} overrides both.
 */
public final class TestGateway {

  private TestGateway() {}

  public static NginxGateway start(String serviceUpstream, String webUpstream, Map<String, String> env) {
    var settings = new HashMap<String, String>();
    settings.put("BOOKS_SERVICE_UPSTREAM", serviceUpstream);
    settings.put("BOOKS_WEB_UPSTREAM", webUpstream);
    settings.putAll(env);
    return start(GatewayFiles.locate(), settings);
  }

  public static NginxGateway start(String serviceUpstream, String webUpstream) {
    return start(serviceUpstream, webUpstream, Map.of());
  }

  /** The gateway from these files (a copy with a route of a test's own, say). */
  public static NginxGateway start(GatewayFiles files, Map<String, String> env) {
    var settings = new HashMap<String, String>();
    settings.put("GATEWAY_API_KEYS_FILE", GatewayFiles.locate().localKeysFile().toString());
    settings.put("GATEWAY_RATE_LIMIT", "1000r/s");
    settings.put("GATEWAY_RATE_LIMIT_BURST", "1000");
    settings.put("GATEWAY_WRITE_RATE_LIMIT", "1000r/s");
    settings.put("GATEWAY_WRITE_RATE_LIMIT_BURST", "1000");
    settings.putAll(env);
    return NginxGateway.start(files, settings);
  }
}
