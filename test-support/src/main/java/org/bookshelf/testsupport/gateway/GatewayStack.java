package org.bookshelf.testsupport.gateway;

import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The fixture most gateway tests share: the real nginx with the real config in front of two
 * in-process upstreams, started once per test class; the requests the upstreams recorded are
 * cleared before each test. Register it with
 * {@code @RegisterExtension static final GatewayStack stack = new GatewayStack();}.
 */
public final class GatewayStack implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

  private final Map<String, String> env;
  private Function<RecordedRequest, UpstreamResponse> serviceAnswer;
  private Function<RecordedRequest, UpstreamResponse> webAnswer;
  private Upstream service;
  private Upstream web;
  private NginxGateway gateway;
  private Http http;

  public GatewayStack() {
    this(Map.of());
  }

  /** A gateway started with these environment variables on top of the defaults. */
  public GatewayStack(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  /** How the books-service upstream answers (default: a small JSON naming it). */
  public GatewayStack serviceAnswers(Function<RecordedRequest, UpstreamResponse> answer) {
    this.serviceAnswer = answer;
    return this;
  }

  /** How the books-web upstream answers (default: a small JSON naming it). */
  public GatewayStack webAnswers(Function<RecordedRequest, UpstreamResponse> answer) {
    this.webAnswer = answer;
    return this;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    service = Upstream.start("books-service");
    web = Upstream.start("books-web");
    if (serviceAnswer != null) {
      service.respond(serviceAnswer);
    }
    if (webAnswer != null) {
      web.respond(webAnswer);
    }
    gateway = TestGateway.start(service.address(), web.address(), env);
    http = new Http(gateway);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    service.reset();
    web.reset();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    for (AutoCloseable part : new AutoCloseable[] {gateway, service, web}) {
      if (part != null) {
        try {
          part.close();
        } catch (Exception e) {
          throw new IllegalStateException("stopping the gateway fixture failed", e);
        }
      }
    }
  }

  public Upstream service() {
    return service;
  }

  public Upstream web() {
    return web;
  }

  public NginxGateway gateway() {
    return gateway;
  }

  public Http http() {
    return http;
  }
}
