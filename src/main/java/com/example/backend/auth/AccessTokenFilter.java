package com.example.backend.auth;

import java.io.IOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;

import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.transaction.TransactionException;
import org.springframework.web.filter.OncePerRequestFilter;

import com.example.backend.access.Actor;
import com.example.backend.access.Role;
import com.example.backend.users.TokenSubject;
import com.example.backend.users.UserService;
import com.example.backend.filters.RequestAttributes;

/**
 * Authenticates requests that carry {@code Authorization: Bearer <token>}. Requests
 * without the header pass through anonymously (the authorization rules decide); a token
 * that is present but bad is answered with 401 at once. The user's current role and token
 * version are read on every request, from the token-subject cache or, on a miss, from
 * PostgreSQL; deletion, a role change or a password change bump the token version and
 * evict the cached subject after commit, so they void tokens immediately instead of at
 * expiry.
 * <p>
 * Created by {@link SecurityConfiguration}, not a bean: as a bean, Spring Boot would also
 * register it as a servlet filter outside the security chain.
 */
class AccessTokenFilter extends OncePerRequestFilter {

	private static final String BEARER = "Bearer ";

	private static final String AUTH_ENDPOINTS = AuthController.PATH + "/";

	/** Built once: every authenticated request needs its role's authorities. */
	private static final Map<Role, List<GrantedAuthority>> AUTHORITIES = authoritiesByRole();

	private final AccessTokens accessTokens;

	private final UserService users;

	private final SecurityProblemHandler problems;

	private final SecurityContextRepository contexts;

	AccessTokenFilter(AccessTokens accessTokens, UserService users, SecurityProblemHandler problems,
			SecurityContextRepository contexts) {
		this.accessTokens = accessTokens;
		this.users = users;
		this.problems = problems;
		this.contexts = contexts;
	}

	/**
	 * Login, refresh and registration take no access token. A client that still sends its
	 * expired one there must not be turned away: refreshing is exactly what it needs to
	 * do.
	 */
	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return request.getRequestURI().startsWith(AUTH_ENDPOINTS);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			chain.doFilter(request, response);
			return;
		}
		try {
			Actor actor = authenticate(header.substring(BEARER.length()).trim());
			SecurityContext context = SecurityContextHolder.createEmptyContext();
			context.setAuthentication(
					UsernamePasswordAuthenticationToken.authenticated(actor, null, AUTHORITIES.get(actor.role())));
			SecurityContextHolder.setContext(context);
			// Kept on the request, so that an async dispatch (streaming responses) is
			// authenticated too: this filter runs once per request, not again for it.
			this.contexts.saveContext(context, request, response);
			// For the access log, which runs outside this chain.
			request.setAttribute(RequestAttributes.USER_ID, actor.userId());
		}
		catch (AuthenticationException ex) {
			SecurityContextHolder.clearContext();
			this.problems.commence(request, response, ex);
			return;
		}
		catch (DataAccessException | TransactionException ex) {
			// The user lookup failed: the database is down or the pool exhausted.
			SecurityContextHolder.clearContext();
			this.problems.fail(request, response, ex);
			return;
		}
		// Every log line of the request names the user; removed again because Tomcat
		// reuses the thread.
		MDC.put(RequestAttributes.USER_ID_MDC_KEY, String.valueOf(request.getAttribute(RequestAttributes.USER_ID)));
		try {
			chain.doFilter(request, response);
		}
		finally {
			MDC.remove(RequestAttributes.USER_ID_MDC_KEY);
		}
	}

	private Actor authenticate(String token) {
		AccessTokens.VerifiedAccessToken verified = this.accessTokens.verify(token);
		TokenSubject user = this.users.findTokenSubject(verified.userId())
			.filter((current) -> current.tokenVersion() == verified.tokenVersion())
			.orElseThrow(() -> new InvalidAccessToken("revoked"));
		return new Actor(user.id(), user.role());
	}

	private static Map<Role, List<GrantedAuthority>> authoritiesByRole() {
		Map<Role, List<GrantedAuthority>> authorities = new EnumMap<>(Role.class);
		for (Role role : Role.values()) {
			authorities.put(role,
					role.permissions()
						.stream()
						.<GrantedAuthority>map((permission) -> new SimpleGrantedAuthority(permission.authority()))
						.toList());
		}
		return authorities;
	}

}
