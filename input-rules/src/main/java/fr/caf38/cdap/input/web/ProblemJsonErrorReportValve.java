package fr.caf38.cdap.input.web;

import fr.caf38.cdap.input.problem.CommonProblem;
import fr.caf38.cdap.input.problem.ProblemJson;
import fr.caf38.cdap.wording.Wording;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The container's own error answers — a request Tomcat refuses before any application code runs
 * (a NUL in a header, a bad request line, a path it will not map) — in the services' forms instead
 * of Tomcat's English HTML report: problem+json on {@code /api/**} and {@code /actuator/**}, a short
 * French HTML page elsewhere (and problem+json when the request line was too broken to give a path).
 * Never echoes the request, never shows a stack trace or the server's name.
 * What the applications answered themselves is left alone.
 */
public class ProblemJsonErrorReportValve extends ErrorReportValve {

    public ProblemJsonErrorReportValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        // A request line Tomcat could not parse leaves no path: no browser sends one, so a machine did.
        String path = pathOf(request);
        boolean machine = path == null || path.isEmpty() || ApiPaths.isMachinePath(path);
        byte[] body = machine ? containerProblem(status) : page(status);
        try {
            response.resetBuffer();
            response.setContentType(machine ? ProblemJson.CONTENT_TYPE : "text/html;charset=UTF-8");
            response.setCharacterEncoding("UTF-8");
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setContentLength(body.length);
            OutputStream out = response.getOutputStream();
            out.write(body);
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // The client is gone, or the answer is already on its way: nothing more to say.
        }
    }

    /** The path inside the application, from the raw URI: a refused request may have no decoded one. */
    private static String pathOf(Request request) {
        String uri;
        try {
            uri = request.getRequestURI();
        } catch (RuntimeException unreadable) {
            return null;
        }
        if (uri == null) {
            return null;
        }
        String context = request.getContextPath();
        return context != null && !context.isEmpty() && uri.startsWith(context) ? uri.substring(context.length()) : uri;
    }

    /** The container decided alone (a bad request line, a header it refused): the common problem of its status. */
    private static byte[] containerProblem(int status) {
        CommonProblem kind = CommonProblem.forStatus(status);
        String detail = kind == CommonProblem.BAD_REQUEST ? kind.detailFor("malformed") : kind.detail();
        return ProblemJson.body(status, kind, detail);
    }

    private static byte[] page(int status) {
        boolean server = status >= 500;
        return ("<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>"
                + Wording.text("containerPage.title", status) + "</title></head><body><main><h1>"
                + Wording.text(server ? "containerPage.serverError.heading" : "containerPage.refused.heading") + "</h1><p>"
                + Wording.text(server ? "containerPage.serverError.text" : "containerPage.refused.text") + "</p><p><a href=\"/\">"
                + Wording.text("containerPage.home") + "</a></p></main></body></html>")
                .getBytes(StandardCharsets.UTF_8);
    }
}
