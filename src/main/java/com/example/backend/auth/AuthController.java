package com.example.backend.auth;

import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.example.backend.contract.ProblemType;
import com.example.backend.auth.AuthRequests.LoginRequest;
import com.example.backend.auth.AuthRequests.RefreshRequest;
import com.example.backend.auth.AuthRequests.RegisterRequest;
import com.example.backend.users.NewUser;
import com.example.backend.users.UserResponse;
import com.example.backend.clientaddress.ClientAddresses;
import com.example.backend.web.AccessToken;
import com.example.backend.web.Responds;

import static com.example.backend.web.Responds.Header.LOCATION;

@RestController
@RequestMapping(AuthController.PATH)
@Tag(name = "Auth", description = "Registration and tokens")
@AccessToken(AccessToken.Use.IGNORED)
class AuthController {

	/** Everything under it is public, and takes no access token. */
	static final String PATH = "/api/v1/auth";

	private final AuthService auth;

	private final ClientAddresses clientAddresses;

	AuthController(AuthService auth, ClientAddresses clientAddresses) {
		this.auth = auth;
		this.clientAddresses = clientAddresses;
	}

	@Responds(status = 201, headers = LOCATION,
			problems = { ProblemType.EMAIL_TAKEN, ProblemType.TOO_MANY_REGISTRATIONS })
	@PostMapping("/register")
	@Operation(summary = "Create an account with role USER",
			description = "The email is trimmed and unique regardless of case (409 when taken). At most 10 "
					+ "registrations per client address and hour (configurable; 429 with Retry-After beyond).")
	ResponseEntity<UserResponse> register(@Valid @RequestBody RegisterRequest request, HttpServletRequest http) {
		NewUser newUser = new NewUser(request.email(), request.password(), request.displayName());
		UserResponse user = this.auth.register(newUser, this.clientAddresses.limitKey(http));
		return ResponseEntity.created(URI.create("/api/v1/users/" + user.id())).body(user);
	}

	@Responds(problems = { ProblemType.INVALID_CREDENTIALS, ProblemType.TOO_MANY_LOGIN_ATTEMPTS })
	@PostMapping("/login")
	@Operation(summary = "Exchange email and password for tokens",
			description = "401 is the same for an unknown email and a wrong password. 429 with Retry-After after "
					+ "5 attempts per email and client address within 15 minutes, 30 per client address within 15 "
					+ "minutes, or 10 per second for the whole instance (all configurable).")
	TokenResponse login(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
		return this.auth.login(request.email(), request.password(), this.clientAddresses.limitKey(http));
	}

	@Responds(problems = ProblemType.INVALID_REFRESH_TOKEN)
	@PostMapping("/refresh")
	@Operation(summary = "Exchange a refresh token for a new pair (rotation)",
			description = "The presented token is revoked. Presenting an already used token revokes its whole "
					+ "family (every token descending from the same login) and answers 401. Refresh calls of one "
					+ "client must therefore not run concurrently.")
	TokenResponse refresh(@Valid @RequestBody RefreshRequest request) {
		return this.auth.refresh(request.refreshToken());
	}

	@Responds(status = 204)
	@PostMapping("/logout")
	@Operation(summary = "Revoke a refresh token and its family",
			description = "Always 204, also for unknown tokens. Access tokens already issued stay valid until "
					+ "they expire (at most the access token lifetime).")
	ResponseEntity<Void> logout(@Valid @RequestBody RefreshRequest request) {
		this.auth.logout(request.refreshToken());
		return ResponseEntity.noContent().build();
	}

}
