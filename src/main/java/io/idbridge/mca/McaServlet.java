package io.idbridge.mca;

import io.idbridge.http.HttpError;
import io.idbridge.http.RequestBody;
import io.idbridge.http.Responses;
import io.idbridge.http.StatusErrors;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code POST /mca/apps/{tenantId}/{realmName}/startAuthorization} and {@code
 * .../handleChallengeAnswer}: IBM Mobile Client Access asking us to authenticate one of our users.
 */
public final class McaServlet extends HttpServlet {
  /**
   * A path segment: anything but a slash or a control character, which would reach our log lines.
   */
  private static final Pattern SEGMENT = Pattern.compile("[^/\\p{Cntrl}]+");

  private final ChallengeFlow flow;
  private final McaCaller caller;

  public McaServlet(ChallengeFlow flow, McaConfig config, Clock clock) {
    this.flow = flow;
    this.caller = new McaCaller(config.callerKey(), clock);
  }

  private enum Action {
    START,
    ANSWER
  }

  private record Call(String tenant, String realm, Action action) {}

  /** The path first, so that anything else under {@code /mca} is a 404 whatever its method. */
  @Override
  protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
    Call call = parse(req.getPathInfo());
    if (!"POST".equals(req.getMethod())) {
      res.setHeader("Allow", "POST");
      throw new HttpError(StatusErrors.of(405));
    }
    caller.check(req, call.tenant());
    RequestBody body = RequestBody.of(req);
    McaReply reply =
        switch (call.action()) {
          case START -> flow.start(call.tenant(), call.realm());
          case ANSWER ->
              flow.answer(
                  call.tenant(), call.realm(), body.text("stateId").orElse(null), answer(body));
        };
    Responses.write(req, res, 200, reply.body());
  }

  /**
   * {@code /{tenantId}/{realmName}/{operation}} under {@code /mca/apps}; anything else is not ours.
   */
  private static Call parse(String pathInfo) {
    String[] parts = pathInfo == null ? new String[0] : pathInfo.split("/", -1);
    if (parts.length == 4
        && parts[0].isEmpty()
        && SEGMENT.matcher(parts[1]).matches()
        && SEGMENT.matcher(parts[2]).matches()) {
      switch (parts[3]) {
        case "startAuthorization":
          return new Call(parts[1], parts[2], Action.START);
        case "handleChallengeAnswer":
          return new Call(parts[1], parts[2], Action.ANSWER);
        default:
      }
    }
    throw new HttpError(StatusErrors.of(404));
  }

  /** The app's answer: any JSON object; without one the request is not an answer at all. */
  private static Map<?, ?> answer(RequestBody body) {
    if (body.fields().get("challengeAnswer") instanceof Map<?, ?> answer) {
      return answer;
    }
    throw new HttpError(
        400, "invalid_request", "challengeAnswer is missing or is not a JSON object");
  }
}
