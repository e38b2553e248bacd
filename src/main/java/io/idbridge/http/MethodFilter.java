package io.idbridge.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Answers a method an endpoint does not serve ({@code PATCH}, {@code FOO}, a lower-case {@code
 * get}, and {@code TRACE}, which would echo {@code Authorization} and caller secrets) with 405 and
 * {@code Allow}, and {@code OPTIONS} with 204 and {@code Allow}, the same in every container rather
 * than each {@code HttpServlet}'s own way. The methods of an endpoint are those its servlet
 * overrides, as {@code HttpServlet} reckons them for {@code OPTIONS}; a servlet that overrides
 * {@code service} decides for itself.
 */
public final class MethodFilter extends HttpFilter {
  private static final List<String> HANDLED = List.of("GET", "POST", "PUT", "DELETE");

  /** Exact servlet paths and the methods they serve, in {@code Allow}'s order. */
  private final Map<String, Set<String>> allowed = new LinkedHashMap<>();

  @Override
  public void init() {
    for (ServletRegistration r : getServletContext().getServletRegistrations().values()) {
      for (String mapping : r.getMappings()) {
        // Exact paths only: a prefix ("/mca/apps/*"), the default ("/") or an extension mapping
        // serves paths whose methods its servlet decides.
        if (mapping.startsWith("/") && mapping.length() > 1 && !mapping.endsWith("*")) {
          load(r.getClassName()).map(MethodFilter::allow).ifPresent(a -> allowed.put(mapping, a));
        }
      }
    }
  }

  @Override
  protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    Set<String> allow = allowed.get(req.getServletPath());
    if (allow == null || (!req.getMethod().equals("OPTIONS") && allow.contains(req.getMethod()))) {
      chain.doFilter(req, res);
      return;
    }
    res.setHeader("Allow", String.join(", ", allow));
    if (req.getMethod().equals("OPTIONS")) {
      res.setStatus(204);
      return;
    }
    throw new HttpError(StatusErrors.of(405));
  }

  /** The servlet's class; none for a servlet of the container's that our loader cannot see. */
  private Optional<Class<?>> load(String className) {
    // Embedded Jetty's context has no loader of its own: ours is the one that loaded the servlets.
    ClassLoader loader = getServletContext().getClassLoader();
    try {
      return Optional.of(
          Class.forName(
              className, false, loader != null ? loader : MethodFilter.class.getClassLoader()));
    } catch (ClassNotFoundException e) {
      return Optional.empty();
    }
  }

  /** The servlet's methods, or null when it overrides {@code service} and so decides itself. */
  private static Set<String> allow(Class<?> servlet) {
    if (!HttpServlet.class.isAssignableFrom(servlet) || declares(servlet, "service")) {
      return null;
    }
    Set<String> methods = new LinkedHashSet<>();
    for (String method : HANDLED) {
      // doGet, doPost, ...: HttpServlet's own names for the handler of each method.
      if (declares(
          servlet, "do" + method.charAt(0) + method.substring(1).toLowerCase(Locale.ROOT))) {
        methods.add(method);
      }
    }
    if (methods.contains("GET")) {
      methods.add("HEAD");
    }
    methods.add("OPTIONS");
    return Collections.unmodifiableSet(methods);
  }

  /**
   * Whether a class between the servlet and {@code HttpServlet} declares the (protected) method.
   */
  private static boolean declares(Class<?> servlet, String name) {
    for (Class<?> c = servlet; c != HttpServlet.class; c = c.getSuperclass()) {
      try {
        c.getDeclaredMethod(name, HttpServletRequest.class, HttpServletResponse.class);
        return true;
      } catch (NoSuchMethodException notHere) {
        // the next class up may declare it
      }
    }
    return false;
  }
}
