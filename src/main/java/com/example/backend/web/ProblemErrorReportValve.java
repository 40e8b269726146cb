package com.example.backend.web;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

import org.springframework.http.HttpStatus;

import com.example.backend.filters.RequestIds;

/**
 * Tomcat's last word on a request the application never saw, such as a path with broken
 * percent-encoding, which Tomcat refuses before any filter runs: problem+json with a
 * request id instead of Tomcat's HTML page. Everything the application answers itself
 * passes through untouched.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

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
		HttpStatus known = HttpStatus.resolve(status);
		String title = (known != null) ? known.getReasonPhrase() : "Error";
		String requestId = RequestIds.acceptOrCreate(response.getHeader(RequestIds.HEADER));
		String type = ProblemTypes.forStatus(status);
		String body = "{\"type\":\"" + ProblemTypes.PREFIX + type + "\",\"title\":\"" + title + "\",\"status\":"
				+ status + ",\"detail\":\"The request could not be processed: " + title.toLowerCase()
				+ ".\",\"requestId\":\"" + requestId + "\"}";
		try {
			response.setContentType("application/problem+json");
			response.setCharacterEncoding("UTF-8");
			response.setHeader(RequestIds.HEADER, requestId);
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(body);
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// The connection is gone or the response committed: nothing left to say.
		}
	}

}
