package io.idbridge;

import io.idbridge.api.ApiLoginMfaServlet;
import io.idbridge.api.ApiLoginServlet;
import io.idbridge.api.ApiLogoutServlet;
import io.idbridge.api.ApiMfaConfirmServlet;
import io.idbridge.api.ApiMfaEnrollServlet;
import io.idbridge.api.ApiMfaVerifyServlet;
import io.idbridge.appid.AppIdAssertionServlet;
import io.idbridge.appid.AppIdAssertions;
import io.idbridge.appid.AppIdErrorShape;
import io.idbridge.appid.AppIdLogin;
import io.idbridge.appid.AppIdTokenEndpoint;
import io.idbridge.appid.AppIdTokenServlet;
import io.idbridge.config.ConfigException;
import io.idbridge.connectycube.ConnectyCubeErrorShape;
import io.idbridge.connectycube.ConnectyCubeVerifyServlet;
import io.idbridge.http.AccessLogFilter;
import io.idbridge.http.BodyReadFilter;
import io.idbridge.http.CallerAuthFilter;
import io.idbridge.http.ClientAddresses;
import io.idbridge.http.ErrorFilter;
import io.idbridge.http.ErrorShape;
import io.idbridge.http.ErrorShapes;
import io.idbridge.http.HeaderLimitFilter;
import io.idbridge.http.HttpMetricsFilter;
import io.idbridge.http.ManagementFilter;
import io.idbridge.http.MethodFilter;
import io.idbridge.http.NoSniffFilter;
import io.idbridge.http.RequestContextFilter;
import io.idbridge.http.RequestIdFilter;
import io.idbridge.http.UnreadableBodyFilter;
import io.idbridge.mca.ChallengeFlow;
import io.idbridge.mca.McaErrorShape;
import io.idbridge.mca.McaServlet;
import io.idbridge.ops.ErrorPageServlet;
import io.idbridge.ops.HealthServlet;
import io.idbridge.ops.JwksServlet;
import io.idbridge.ops.LivenessServlet;
import io.idbridge.ops.MetricsServlet;
import io.idbridge.ops.NotFoundServlet;
import io.idbridge.ops.SigningKeyPemServlet;
import io.idbridge.voltmx.ClaimsTokens;
import io.idbridge.voltmx.VoltmxAttributesServlet;
import io.idbridge.voltmx.VoltmxConfig;
import io.idbridge.voltmx.VoltmxErrorShape;
import io.idbridge.voltmx.VoltmxLoginServlet;
import io.idbridge.voltmx.VoltmxLogoutServlet;
import io.idbridge.voltmx.VoltmxMfaValidateServlet;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;
import java.time.Clock;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Builds everything from the configuration and registers the filters and servlets: the route table.
 * The same listener runs under Tomcat (from web.xml) and under {@code java -jar} (from {@link
 * Main}).
 */
public final class Bootstrap implements ServletContextListener {
  private static final System.Logger LOG = System.getLogger(Bootstrap.class.getName());

  /** The REQUEST dispatch of a request without a body, and the ASYNC one after its body is read. */
  private static final EnumSet<DispatcherType> REQUEST_AND_ASYNC =
      EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC);

  private static final EnumSet<DispatcherType> EVERY_DISPATCH =
      EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);

  private final Config given;
  private final Clock clock;
  private final OptionalInt managementPort;
  private Components components;

  /** For a servlet container: the configuration is found by {@link ConfigLocator}. */
  public Bootstrap() {
    this(null, Clock.systemUTC(), OptionalInt.empty());
  }

  /**
   * @param managementPort under {@code java -jar}, the port of the management connector; empty in a
   *     servlet container, where {@code management.allow} guards the same paths
   */
  public Bootstrap(Config config, Clock clock, OptionalInt managementPort) {
    this.given = config;
    this.clock = clock;
    this.managementPort = managementPort;
  }

  @Override
  public void contextInitialized(ServletContextEvent event) {
    ServletContext ctx = event.getServletContext();
    Redeploys.atStart();
    try {
      Config config =
          given != null
              ? given
              : ConfigLocator.forWebapp(ctx.getInitParameter("idbridge.config"), System.getenv());
      components = Components.build(config, clock);
      register(ctx, config, components, managementPort);
      LOG.log(
          System.Logger.Level.INFO,
          "idbridge started with "
              + config.source()
              + "; in effect (secrets masked):"
              + System.lineSeparator()
              + config.effective().render());
    } catch (ConfigException e) {
      LOG.log(
          System.Logger.Level.ERROR,
          "idbridge cannot start:" + System.lineSeparator() + e.getMessage());
      throw e;
    }
  }

  private static void register(
      ServletContext ctx, Config config, Components c, OptionalInt managementPort) {
    ClientAddresses addresses = config.http().clientAddresses();
    ErrorShapes shapes = errorShapes();
    filters(ctx, config, c, shapes, addresses, managementPort);
    ourApi(ctx, config, c, addresses);
    voltmx(ctx, config, c, addresses);
    mca(ctx, config, c);
    connectyCube(ctx, config, c);
    appId(ctx, config, c, addresses);
    operations(ctx, shapes, c);
  }

  /**
   * Each contract's error shape, by the path prefix it serves; our API's for every other path. The
   * embedded server's own error answers use it too.
   */
  static ErrorShapes errorShapes() {
    Map<String, ErrorShape> byPrefix = new HashMap<>();
    byPrefix.put("/voltmx", new VoltmxErrorShape());
    // The attribute endpoints answer failures with HTTP 200; the longer prefix wins over /voltmx.
    for (VoltmxAttributesServlet.Kind kind : VoltmxAttributesServlet.Kind.values()) {
      byPrefix.put(kind.path(), VoltmxErrorShape.inBody(kind));
    }
    byPrefix.put("/mca", new McaErrorShape());
    byPrefix.put("/connectycube", new ConnectyCubeErrorShape());
    byPrefix.put("/appid", new AppIdErrorShape());
    return new ErrorShapes(byPrefix);
  }

  /** The first path segments of the contracts, and of our own API. */
  private static Set<String> contracts() {
    Set<String> all = new HashSet<>(Config.CONTRACTS);
    all.add("api");
    return all;
  }

  private static void filters(
      ServletContext ctx,
      Config config,
      Components c,
      ErrorShapes shapes,
      ClientAddresses addresses,
      OptionalInt managementPort) {
    // The chain, in order. The body first, read without holding a thread, so that a slow client
    // holds no thread another request needs; the rest runs once it is in (an ASYNC dispatch).
    filter(
        ctx,
        "bodyRead",
        new BodyReadFilter(config.http().maxBodyBytes(), config.http().bodyTimeout()),
        EnumSet.of(DispatcherType.REQUEST),
        "/*");
    // Request id next: every later line logs it and every error carries it; also on the
    // container's error dispatch, as are the filters up to the access log.
    filter(ctx, "requestId", new RequestIdFilter(), EVERY_DISPATCH, "/*");
    // Then who and where, for the audit events and login metrics the core records: on every
    // dispatch, since the ASYNC one after the body may run on another thread.
    filter(
        ctx,
        "requestContext",
        new RequestContextFilter(contracts(), addresses),
        EVERY_DISPATCH,
        "/*");
    filter(ctx, "noSniff", new NoSniffFilter(), EVERY_DISPATCH, "/*");
    // Access log and request metrics next, so they see the final status of everything below,
    // errors included.
    filter(ctx, "accessLog", new AccessLogFilter(), EVERY_DISPATCH, "/*");
    filter(ctx, "httpMetrics", new HttpMetricsFilter(c.metrics()), EVERY_DISPATCH, "/*");
    // Errors: whatever is thrown or sent below becomes the contract's error body, never a container
    // page.
    filter(ctx, "errors", new ErrorFilter(shapes), "/*");
    // Management paths only on the management port (or from management.allow): a 404 elsewhere.
    filter(
        ctx,
        "management",
        new ManagementFilter(managementPort, config.management().allow(), addresses),
        "/*");
    // A body that could not be read (too large, too slow, malformed), before anything uses it.
    filter(ctx, "unreadableBody", new UnreadableBodyFilter(), "/*");
    // Methods an endpoint does not serve (TRACE among them), before any work is done for them.
    filter(ctx, "methods", new MethodFilter(), "/*");
    // URLs and headers over our limit, in the contract's shape (the container allows more).
    filter(ctx, "headerLimit", new HeaderLimitFilter(config.http().maxHeaderBytes()), "/*");
    // Caller authentication, per contract: a platform proves it is the caller before any user is
    // looked at.
    for (String contract : Config.CONTRACTS) {
      CallerAuthFilter check =
          contract.equals("voltmx")
              ? voltmxCaller(config, addresses)
              : new CallerAuthFilter(config.caller(contract), addresses);
      filter(ctx, "caller-" + contract, check, "/" + contract + "/*");
    }
  }

  /**
   * Foundry adds its provider settings (where the README puts the secret) to logins only, so its
   * other calls prove the caller with what they carry: a session token or MFA key we issued, and on
   * the attribute endpoints a claims token that Foundry's public key verifies. A refused caller is
   * 403, never the 401 Foundry counts as a wrong password.
   */
  private static CallerAuthFilter voltmxCaller(Config config, ClientAddresses addresses) {
    Set<String> selfProving = new HashSet<>(Set.of("/voltmx/logout", "/voltmx/mfa/validate"));
    if (!config.voltmx().foundryKeys().isEmpty()) {
      for (VoltmxAttributesServlet.Kind kind : VoltmxAttributesServlet.Kind.values()) {
        selfProving.add(kind.path());
      }
    }
    return new CallerAuthFilter(config.caller("voltmx"), addresses, 403, selfProving);
  }

  /** Our own client login, and the second factor it and VoltMX apps use. */
  private static void ourApi(
      ServletContext ctx, Config config, Components c, ClientAddresses addresses) {
    // The audiences a client may bind its token to: ConnectyCube's, when it wants tokens of its
    // own.
    Set<String> audiences = config.connectycube().audience().map(Set::of).orElse(Set.of());
    servlet(ctx, "apiLogin", new ApiLoginServlet(c.logins(), addresses, audiences), "/api/login");
    servlet(ctx, "apiLogout", new ApiLogoutServlet(c.sessions()), "/api/logout");
    // MFA: our API's second factor, and the verify step that gives VoltMX apps their mfa_key.
    servlet(
        ctx,
        "apiLoginMfa",
        new ApiLoginMfaServlet(c.logins(), addresses, audiences, config.mfa().digits()),
        "/api/login/mfa");
    servlet(
        ctx,
        "apiMfaVerify",
        new ApiMfaVerifyServlet(c.logins(), c.mfaTokens(), config.mfa(), addresses),
        "/api/mfa/verify");
    servlet(
        ctx,
        "apiMfaEnroll",
        new ApiMfaEnrollServlet(c.mfa(), c.mfaTokens(), c.sessions(), c.directory()),
        "/api/mfa/enroll");
    servlet(
        ctx,
        "apiMfaConfirm",
        new ApiMfaConfirmServlet(c.mfa(), c.mfaTokens(), c.sessions(), c.directory(), addresses),
        "/api/mfa/confirm");
  }

  private static void voltmx(
      ServletContext ctx, Config config, Components c, ClientAddresses addresses) {
    VoltmxConfig voltmx = config.voltmx();
    ClaimsTokens claims = new ClaimsTokens(voltmx, config.caller("voltmx"), c.clock());
    for (VoltmxAttributesServlet.Kind kind : VoltmxAttributesServlet.Kind.values()) {
      servlet(
          ctx,
          "voltmx-" + kind.field(),
          new VoltmxAttributesServlet(kind, claims, c.directory(), c.sessions(), voltmx),
          kind.path());
    }
    servlet(
        ctx,
        "voltmxLogin",
        new VoltmxLoginServlet(
            c.logins(), addresses, voltmx, config.caller("voltmx").secretField()),
        "/voltmx/login");
    servlet(ctx, "voltmxLogout", new VoltmxLogoutServlet(c.sessions()), "/voltmx/logout");
    servlet(
        ctx,
        "voltmxMfaValidate",
        new VoltmxMfaValidateServlet(c.logins(), addresses, voltmx, config.mfa().digits()),
        "/voltmx/mfa/validate");
  }

  private static void mca(ServletContext ctx, Config config, Components c) {
    ChallengeFlow mca =
        new ChallengeFlow(config.mca(), c.tokens(), c.logins(), config.mfa().digits());
    servlet(ctx, "mca", new McaServlet(mca, config.mca(), c.clock()), "/mca/apps/*");
  }

  private static void connectyCube(ServletContext ctx, Config config, Components c) {
    servlet(
        ctx,
        "connectycubeVerify",
        new ConnectyCubeVerifyServlet(config.connectycube(), c.sessions(), c.directory()),
        "/connectycube/verify");
  }

  private static void appId(
      ServletContext ctx, Config config, Components c, ClientAddresses addresses) {
    AppIdLogin appIdLogin =
        new AppIdLogin(
            config.appid(),
            c.logins(),
            addresses,
            new AppIdAssertions(config.appid(), c.keys(), c.clock()),
            config.mfa().digits());
    servlet(ctx, "appidAssertion", new AppIdAssertionServlet(appIdLogin), "/appid/assertion");
    servlet(
        ctx,
        "appidToken",
        new AppIdTokenServlet(appIdLogin, AppIdTokenEndpoint.of(config.appid())),
        "/appid/token");
  }

  /** Keys, health, metrics, and the catch-alls that keep every answer in JSON. */
  private static void operations(ServletContext ctx, ErrorShapes shapes, Components c) {
    servlet(ctx, "jwks", new JwksServlet(c.keys()), "/.well-known/jwks.json");
    servlet(ctx, "signingPem", new SigningKeyPemServlet(c.keys()), "/keys/signing.pem");
    Map<String, Runnable> checks = new LinkedHashMap<>();
    checks.put("directory", c.directory()::ping);
    checks.put("state", c.state()::ping);
    checks.put("keys", () -> signingKeyLoaded(c));
    // /health as before, for load balancers; /health/ready the same checks on the management port.
    servlet(ctx, "health", new HealthServlet(checks, c.hashes()), "/health", "/health/ready");
    servlet(ctx, "liveness", new LivenessServlet(), "/health/live");
    servlet(ctx, "metrics", new MetricsServlet(c.metrics()), "/metrics");
    servlet(ctx, "errorPage", new ErrorPageServlet(shapes), "/_error");
    servlet(ctx, "notFound", new NotFoundServlet(), "/");
  }

  private static void filter(ServletContext ctx, String name, Filter filter, String pattern) {
    filter(ctx, name, filter, REQUEST_AND_ASYNC, pattern);
  }

  private static void filter(
      ServletContext ctx,
      String name,
      Filter filter,
      EnumSet<DispatcherType> dispatches,
      String pattern) {
    FilterRegistration.Dynamic registration = ctx.addFilter(name, filter);
    // BodyReadFilter starts async: everything on the request's way must allow it.
    registration.setAsyncSupported(true);
    registration.addMappingForUrlPatterns(dispatches, true, pattern);
  }

  private static void servlet(
      ServletContext ctx, String name, Servlet servlet, String... patterns) {
    ServletRegistration.Dynamic registration = ctx.addServlet(name, servlet);
    registration.setAsyncSupported(true);
    registration.addMapping(patterns);
  }

  private static void signingKeyLoaded(Components c) {
    if (c.keys().signer(c.config().tokens().algorithm()).isEmpty()) {
      throw new IllegalStateException("no " + c.config().tokens().algorithm() + " signing key");
    }
  }

  @Override
  public void contextDestroyed(ServletContextEvent event) {
    if (components != null) {
      components.close();
    }
    // Only a container redeploys; the embedded server's JVM ends with it.
    if (managementPort.isEmpty()) {
      io.idbridge.metrics.Metrics.stopSchedulerThread();
    }
    Redeploys.atStop();
  }
}
