package com.example.backend.ratelimit;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import com.example.backend.contract.ApiHeaders;
import com.example.backend.contract.ProblemType;
import com.example.backend.access.Actor;
import com.example.backend.errors.ApiException;
import com.example.backend.clientaddress.ClientAddresses;

/**
 * Limits every {@code /api/**} request per client: per user when authenticated (so that a
 * user cannot escape the limit by changing address), per client address otherwise. Runs
 * after authentication (an interceptor), so the user is known.
 * <p>
 * Every answer carries {@code X-RateLimit-Limit} (requests per window) and
 * {@code X-RateLimit-Remaining}; a refused one is 429 problem+json with
 * {@code Retry-After}. The IETF {@code RateLimit} fields are still a draft whose syntax
 * has changed between versions; the {@code X-} pair is what clients and gateways read
 * today.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "app.rate-limit.api.enabled", matchIfMissing = true)
class ApiRateLimit implements WebMvcConfigurer {

	private final RateLimiter limiter;

	private final ClientAddresses clientAddresses;

	ApiRateLimit(ApiRateLimitSettings settings, RateLimiters limiters, ClientAddresses clientAddresses) {
		this.clientAddresses = clientAddresses;
		this.limiter = limiters.create("api", settings.capacity(), settings.window(), settings.maxTrackedKeys());
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new HandlerInterceptor() {
			@Override
			public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
				RateLimiter.Decision decision = ApiRateLimit.this.limiter.consume(clientKey(request));
				response.setHeader(ApiHeaders.RATE_LIMIT_LIMIT, Long.toString(decision.limit()));
				response.setHeader(ApiHeaders.RATE_LIMIT_REMAINING, Long.toString(decision.remaining()));
				if (!decision.allowed()) {
					throw new TooManyRequests(decision.retryAfterSeconds());
				}
				return true;
			}
		}).addPathPatterns("/api/**");
	}

	private String clientKey(HttpServletRequest request) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.getPrincipal() instanceof Actor actor) {
			return "user:" + actor.userId();
		}
		return "ip:" + this.clientAddresses.limitKey(request);
	}

	static final class TooManyRequests extends ApiException {

		TooManyRequests(long retryAfterSeconds) {
			super(ProblemType.TOO_MANY_REQUESTS,
					"Request limit reached. Try again in " + retryAfterSeconds + " seconds.");
			getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
		}

	}

}
