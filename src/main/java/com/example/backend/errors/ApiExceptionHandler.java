package com.example.backend.errors;

import java.net.URI;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.databind.exc.InvalidFormatException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import com.example.backend.contract.ProblemType;
import com.example.backend.filters.RequestIds;

/**
 * The one place that turns exceptions into {@code application/problem+json} (RFC 9457) as
 * the API contract describes. Spring MVC's own exceptions (405, 415, 400 for bad
 * parameters, ...) come through {@link ResponseEntityExceptionHandler}; security's
 * 401/403 are routed here by the security handlers. Every problem gets {@code instance},
 * {@code requestId} and, when tracing is on, {@code traceId}; no problem ever carries a
 * stack trace, SQL or a class name, because details are written here rather than copied
 * from exception messages.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

	private static final URI ABOUT_BLANK = URI.create("about:blank");

	/**
	 * Where Micrometer Tracing's log correlation keeps the current trace id (also in
	 * every log line).
	 */
	private static final String TRACE_ID_MDC_KEY = "traceId";

	private static final AuthenticationTrustResolver trustResolver = new AuthenticationTrustResolverImpl();

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldViolation> violations = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map(error -> new FieldViolation(error.getField(), error.getDefaultMessage()))
			.toList();
		return validationFailed(violations, headers, request);
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldViolation> violations = ex.getParameterValidationResults()
			.stream()
			.flatMap(result -> result.getResolvableErrors()
				.stream()
				.map(error -> new FieldViolation((error instanceof FieldError fieldError) ? fieldError.getField()
						: result.getMethodParameter().getParameterName(), error.getDefaultMessage())))
			.toList();
		return validationFailed(violations, headers, request);
	}

	/**
	 * 400, except for a number that is well-formed JSON but no value of its field: a
	 * fraction for an integer, or beyond the field's range. Those are 422 with the field,
	 * like any other value the validation rejects, instead of being truncated or wrapped.
	 */
	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			// Thrown by the request's input stream, e.g. a body over the size limit.
			if (cause instanceof ApiException problem) {
				return respond(problem.getBody(), request);
			}
		}
		FieldViolation number = unusableNumber(ex);
		if (number != null) {
			return validationFailed(List.of(number), headers, request);
		}
		ProblemDetail problem = ProblemType.MALFORMED_REQUEST.problem();
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	/**
	 * A change based on an old version, found by the service ({@link StaleVersion}) or by
	 * Hibernate's version check when a concurrent update won the race. The client stated
	 * its version either in {@code If-Match} (then the precondition failed: 412) or in
	 * the body (409).
	 */
	@ExceptionHandler({ StaleVersion.class, OptimisticLockingFailureException.class })
	ResponseEntity<Object> handleStaleVersion(Exception ex, WebRequest request) {
		if (request.getHeader(HttpHeaders.IF_MATCH) != null) {
			return respond(ProblemType.PRECONDITION_FAILED.problem(), request);
		}
		ProblemDetail problem = (ex instanceof StaleVersion stale) ? stale.getBody()
				: new StaleVersion("resource").getBody();
		return respond(problem, request);
	}

	/**
	 * Usually a unique or foreign-key constraint that caught a race the service's own
	 * checks could not see (409). SQL state class 22 (data exception) is different: a
	 * value the database cannot store, such as a NUL character in a text, which is the
	 * client's fault.
	 */
	@ExceptionHandler(DataIntegrityViolationException.class)
	ResponseEntity<Object> handleConstraintViolation(DataIntegrityViolationException ex, WebRequest request) {
		if (ex.getMostSpecificCause() instanceof SQLException sql && sql.getSQLState() != null
				&& sql.getSQLState().startsWith("22")) {
			return respond(ProblemType.MALFORMED_REQUEST
				.problem("A value contains characters or data the service cannot store."), request);
		}
		log.info("Constraint violation turned into 409: {}", ex.getMostSpecificCause().getClass().getSimpleName());
		return respond(ProblemType.CONFLICT.problem(), request);
	}

	/**
	 * No database connection within the pool's timeout, or one lost mid-request: the
	 * service is saturated or the database is down. Both pass, so the client is told to
	 * retry rather than that it erred. Logged without a stack trace: the cause is known,
	 * and an outage would otherwise flood the log.
	 */
	@ExceptionHandler({ CannotCreateTransactionException.class, CannotGetJdbcConnectionException.class })
	ResponseEntity<Object> handleNoConnection(Exception ex, WebRequest request) {
		log.warn("Database unavailable on {}: {}", describe(request), ex.getMessage());
		ProblemDetail problem = ProblemType.SERVICE_UNAVAILABLE.problem();
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, "1");
		return createResponseEntity(problem, headers, HttpStatus.SERVICE_UNAVAILABLE, request);
	}

	@ExceptionHandler(AuthenticationException.class)
	ResponseEntity<Object> handleAuthentication(AuthenticationException ex, WebRequest request) {
		// No token at all: the authorization rules find no authentication (the chain
		// keeps no anonymous token), method security finds an anonymous caller.
		boolean tokenPresented = !(ex instanceof AuthenticationCredentialsNotFoundException
				|| ex instanceof InsufficientAuthenticationException);
		ProblemDetail problem = tokenPresented ? ProblemType.UNAUTHORIZED.problem()
				: ProblemType.UNAUTHORIZED.problem("Authentication is required to access this resource.");
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.WWW_AUTHENTICATE,
				tokenPresented ? "Bearer realm=\"api\", error=\"invalid_token\"" : "Bearer realm=\"api\"");
		return handleExceptionInternal(ex, problem, headers, HttpStatus.UNAUTHORIZED, request);
	}

	/**
	 * Method security denies anonymous callers too; for them the right answer is 401, not
	 * 403.
	 */
	@ExceptionHandler(AccessDeniedException.class)
	ResponseEntity<Object> handleAccessDenied(AccessDeniedException ex, WebRequest request) {
		if (trustResolver.isAnonymous(SecurityContextHolder.getContext().getAuthentication())
				|| SecurityContextHolder.getContext().getAuthentication() == null) {
			return handleAuthentication(new InsufficientAuthenticationException("anonymous"), request);
		}
		return respond(ProblemType.FORBIDDEN.problem(), request);
	}

	/**
	 * Spring Security's firewall checks a header's value when it is read: in a controller
	 * (If-None-Match, Idempotency-Key) its refusal arrives here. Bad input, so a 400
	 * logged without a stack trace; the value is not echoed.
	 */
	@ExceptionHandler(RequestRejectedException.class)
	ResponseEntity<Object> handleRejectedRequest(RequestRejectedException ex, WebRequest request) {
		log.info("Rejected request on {}: a header value the firewall refuses", describe(request));
		return respond(
				ProblemType.MALFORMED_REQUEST
					.problem("A request header contains a character this API does not accept (a control character)."),
				request);
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> handleUnexpected(Exception ex, WebRequest request) {
		if (DatabaseFailures.isUnavailable(ex)) {
			return handleNoConnection(ex, request);
		}
		HttpServletRequest servletRequest = ((NativeWebRequest) request).getNativeRequest(HttpServletRequest.class);
		String requestId = (servletRequest != null) ? RequestIds.of(servletRequest) : null;
		log.error("Unexpected error on {} (requestId {})", describe(request), requestId, ex);
		return respond(ProblemType.INTERNAL_ERROR.problem(), request);
	}

	/**
	 * Adds {@code instance} and {@code requestId} to every problem this class (or its
	 * base) produces.
	 */
	@Override
	protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
			WebRequest request) {
		if (body instanceof ProblemDetail problem) {
			// Preset, so that no Accept header can turn a problem into an empty 406.
			HttpHeaders writable = new HttpHeaders();
			writable.addAll(headers);
			writable.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
			headers = writable;
			HttpServletRequest servletRequest = ((NativeWebRequest) request).getNativeRequest(HttpServletRequest.class);
			if (servletRequest != null) {
				if (problem.getInstance() == null) {
					problem.setInstance(URI.create(servletRequest.getRequestURI()));
				}
				problem.setProperty("requestId", RequestIds.of(servletRequest));
			}
			// Leads from a client's error report straight to the trace of the request.
			String traceId = MDC.get(TRACE_ID_MDC_KEY);
			if (traceId != null) {
				problem.setProperty("traceId", traceId);
			}
			if (problem.getType() == null || ABOUT_BLANK.equals(problem.getType())) {
				// Spring's own problems (type mismatch, unknown route, ...) get the
				// API's type for the status and that type's title: one title per type.
				problem.setType(ProblemType.uriForStatus(statusCode.value()));
				ProblemType type = ProblemType.forStatus(statusCode.value());
				if (type != null) {
					problem.setTitle(type.title());
				}
			}
			if (statusCode.value() == HttpStatus.UNAUTHORIZED.value()
					&& !headers.containsHeader(HttpHeaders.WWW_AUTHENTICATE)) {
				headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"api\"");
			}
		}
		return super.createResponseEntity(body, headers, statusCode, request);
	}

	private ResponseEntity<Object> validationFailed(List<FieldViolation> violations, HttpHeaders headers,
			WebRequest request) {
		ProblemDetail problem = ProblemType.VALIDATION_FAILED.problem();
		problem.setProperty("errors",
				violations.stream()
					.sorted(Comparator.comparing(FieldViolation::field).thenComparing(FieldViolation::message))
					.toList());
		return createResponseEntity(problem, headers, HttpStatus.UNPROCESSABLE_CONTENT, request);
	}

	private static FieldViolation unusableNumber(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof InputCoercionException coercion) {
				return new FieldViolation(field(coercion), "is out of range");
			}
			if (cause instanceof InvalidFormatException format && format.getValue() instanceof Number) {
				return new FieldViolation(field(format), "must be a whole number");
			}
		}
		return null;
	}

	/** {@code items[0].quantity}, as Bean Validation names fields. */
	private static String field(JacksonException ex) {
		StringBuilder field = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				field.append(field.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				field.append('[').append(reference.getIndex()).append(']');
			}
		}
		return field.toString();
	}

	private ResponseEntity<Object> respond(ProblemDetail problem, WebRequest request) {
		return createResponseEntity(problem, new HttpHeaders(), HttpStatusCode.valueOf(problem.getStatus()), request);
	}

	private static String describe(WebRequest request) {
		HttpServletRequest servletRequest = ((NativeWebRequest) request).getNativeRequest(HttpServletRequest.class);
		return (servletRequest != null) ? servletRequest.getMethod() + " " + servletRequest.getRequestURI()
				: request.getDescription(false);
	}

	/** One entry of the {@code errors} list of a 422 problem. */
	record FieldViolation(String field, String message) {
	}

}
