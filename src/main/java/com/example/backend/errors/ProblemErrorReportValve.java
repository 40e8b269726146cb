package com.example.backend.errors;

import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

import com.example.backend.contract.ProblemType;
import com.example.backend.filters.RequestIds;

/**
 * Tomcat's last word on a request the application never saw, such as a path with broken
 * percent-encoding, which Tomcat refuses before any filter runs: problem+json with a
 * request id instead of Tomcat's HTML page. Everything the application answers itself
 * passes through untouched.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

	/**
	 * Tomcat's valve lives outside the application context, so it has a mapper of its
	 * own.
	 */
	private static final JsonMapper JSON = JsonMapper.shared();

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0) {
			return;
		}
		AtomicBoolean ioAllowed = new AtomicBoolean(false);
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
		if (!ioAllowed.get()) {
			return;
		}
		String requestId = RequestIds.acceptOrCreate(response.getHeader(RequestIds.HEADER));
		ProblemDetail problem = ProblemType.forStatus(HttpStatusCode.valueOf(status),
				"The request could not be processed: " + reason(status) + ".");
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", problem.getType());
		body.put("title", problem.getTitle());
		body.put("status", problem.getStatus());
		body.put("detail", problem.getDetail());
		body.put("requestId", requestId);
		try {
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setCharacterEncoding("UTF-8");
			response.setHeader(RequestIds.HEADER, requestId);
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(JSON.writeValueAsString(body));
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// The connection is gone or the response committed: nothing left to say.
		}
	}

	private static String reason(int status) {
		HttpStatus known = HttpStatus.resolve(status);
		return (known != null) ? known.getReasonPhrase().toLowerCase(Locale.ROOT) : "error";
	}

}
