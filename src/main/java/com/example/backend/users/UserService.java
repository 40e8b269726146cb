package com.example.backend.users;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import com.example.backend.access.Actor;
import com.example.backend.access.Permission;
import com.example.backend.access.Role;
import com.example.backend.cache.CacheAside;
import com.example.backend.cache.Caches;
import com.example.backend.users.UserExceptions.CurrentPasswordMismatch;
import com.example.backend.users.UserExceptions.EmailAlreadyRegistered;
import com.example.backend.users.UserExceptions.LastAdminProtected;
import com.example.backend.users.UserExceptions.OwnRoleChangeForbidden;
import com.example.backend.errors.NotFound;
import com.example.backend.errors.StaleVersion;

/**
 * Accounts: registration, profiles, roles. Ownership rules live here (the controller only
 * knows who is calling): a user may read and update their own profile; {@code user:read}
 * and {@code user:manage} extend that to everyone's.
 */
@Service
@Transactional(readOnly = true)
public class UserService {

	private final UserRepository users;

	private final PasswordEncoder passwordEncoder;

	private final TransactionTemplate transactions;

	private final PasswordCheckThrottle passwordChecks;

	private final ApplicationEventPublisher events;

	private final CacheAside<UserResponse> userCache;

	private final CacheAside<TokenSubject> tokenSubjectCache;

	UserService(UserRepository users, PasswordEncoder passwordEncoder, TransactionTemplate transactions,
			PasswordCheckThrottle passwordChecks, ApplicationEventPublisher events, Caches caches) {
		this.users = users;
		this.passwordEncoder = passwordEncoder;
		this.transactions = transactions;
		this.passwordChecks = passwordChecks;
		this.events = events;
		this.userCache = caches.define("user", 1, UserResponse.class);
		this.tokenSubjectCache = caches.define("token-subject", 1, TokenSubject.class);
	}

	/**
	 * Creates an account with role USER. The password is hashed before the transaction
	 * starts: Argon2 takes tens of milliseconds of CPU on purpose, and inside a
	 * transaction it would hold one of the few pool connections all that time.
	 */
	@Transactional(propagation = Propagation.NOT_SUPPORTED)
	public UserResponse register(NewUser newUser) {
		String passwordHash = this.passwordEncoder.encode(newUser.password());
		return this.transactions.execute((status) -> UserResponse.of(create(newUser, passwordHash, Role.USER)));
	}

	/**
	 * Creates the account unless the email is taken (the demo users). Returns the role of
	 * the existing account, or empty when it was created.
	 */
	@Transactional(propagation = Propagation.NOT_SUPPORTED)
	public Optional<Role> createIfAbsent(NewUser newUser, Role role) {
		Optional<Role> existing = this.users.findByEmail(Emails.normalize(newUser.email())).map(User::getRole);
		if (existing.isEmpty()) {
			String passwordHash = this.passwordEncoder.encode(newUser.password());
			this.transactions.executeWithoutResult((status) -> create(newUser, passwordHash, role));
		}
		return existing;
	}

	/**
	 * Creates the configured first ADMIN, only while the database has no ADMIN at all.
	 * Since the last ADMIN can be neither demoted nor deleted, this happens once per
	 * installation: a bootstrap admin that was deleted later is not brought back by the
	 * next start with the password still in the environment.
	 */
	@Transactional(propagation = Propagation.NOT_SUPPORTED)
	FirstAdmin createFirstAdmin(NewUser admin) {
		if (this.users.existsByRole(Role.ADMIN)) {
			return FirstAdmin.ADMIN_EXISTS;
		}
		Optional<Role> existing = createIfAbsent(admin, Role.ADMIN);
		return existing.isEmpty() ? FirstAdmin.CREATED : FirstAdmin.EMAIL_TAKEN;
	}

	/** What {@link #createFirstAdmin} did. */
	enum FirstAdmin {

		CREATED, ADMIN_EXISTS, EMAIL_TAKEN

	}

	public Optional<UserCredentials> findCredentials(String email) {
		return this.users.findByEmail(Emails.normalize(email)).map(UserCredentials::of);
	}

	/**
	 * The user behind a token, if the account still exists. Read on every authenticated
	 * request, so cached; every change of role or token version evicts it. No transaction
	 * here: a cache hit must not take a pool connection.
	 */
	@Transactional(propagation = Propagation.SUPPORTS)
	public Optional<TokenSubject> findTokenSubject(long id) {
		return this.tokenSubjectCache.get(id, () -> this.users.findTokenSubject(id));
	}

	/** A user as the API shows it, through the cache. */
	@Transactional(propagation = Propagation.SUPPORTS)
	public Optional<UserResponse> find(long id) {
		return this.userCache.get(id, () -> this.users.findResponse(id));
	}

	public boolean exists(long id) {
		return this.users.existsById(id);
	}

	/**
	 * Display names of the given users, for features that show authors; one query
	 * whatever the count.
	 */
	public Map<Long, String> displayNames(Collection<Long> ids) {
		if (ids.isEmpty()) {
			return Map.of();
		}
		return this.users.findDisplayNames(ids)
			.stream()
			.collect(Collectors.toMap(DisplayName::id, DisplayName::displayName));
	}

	/** One statement: no transaction of its own (see {@link UserRepository}). */
	@Transactional(propagation = Propagation.SUPPORTS)
	public UserResponse get(Actor actor, long id) {
		requireSelfOr(actor, id, Permission.USER_READ);
		return find(id).orElseThrow(() -> new NotFound("User", id));
	}

	public Page<UserResponse> search(String query, Pageable pageable) {
		Page<User> page = (query == null || query.isBlank()) ? this.users.findAll(pageable)
				: this.users.search(likePattern(query), pageable);
		return page.map(UserResponse::of);
	}

	/**
	 * Renames and/or sets a new password; changes nothing unless the user is still at
	 * {@code expectedVersion} (null: unconditional). The request's own {@code version}
	 * field is not read here; the controller folds it into {@code expectedVersion}.
	 * <p>
	 * As in {@link #register}, the Argon2 work (checking the current password, hashing
	 * the new one) runs before the transaction, so that it holds no pool connection. The
	 * transaction then re-checks what the work was based on: a password changed in
	 * between makes the checked current password stale.
	 */
	@Transactional(propagation = Propagation.NOT_SUPPORTED)
	public UserResponse update(Actor actor, long id, UpdateUserRequest request, Long expectedVersion) {
		requireSelfOr(actor, id, Permission.USER_MANAGE);
		String checkedPasswordHash = null;
		String newPasswordHash = null;
		if (request.password() != null) {
			User before = load(id);
			requireVersion(before, expectedVersion);
			// An admin resetting someone else's password
			// does not know it; everyone else proves it.
			boolean resetByAdmin = !actor.isSelf(id) && actor.can(Permission.USER_MANAGE);
			if (!resetByAdmin) {
				this.passwordChecks.acquire(id);
				checkedPasswordHash = before.getPasswordHash();
				if (request.currentPassword() == null
						|| !this.passwordEncoder.matches(request.currentPassword(), checkedPasswordHash)) {
					throw new CurrentPasswordMismatch();
				}
				this.passwordChecks.reset(id);
			}
			newPasswordHash = this.passwordEncoder.encode(request.password());
		}
		String currentPasswordHash = checkedPasswordHash;
		String passwordHash = newPasswordHash;
		return this.transactions.execute((status) -> {
			User user = load(id);
			requireVersion(user, expectedVersion);
			if (currentPasswordHash != null && !currentPasswordHash.equals(user.getPasswordHash())) {
				throw new CurrentPasswordMismatch();
			}
			if (request.displayName() != null && !request.displayName().trim().equals(user.getDisplayName())) {
				user.rename(request.displayName().trim());
				this.events.publishEvent(new UserRenamed(id));
			}
			if (passwordHash != null) {
				user.changePassword(passwordHash);
			}
			evictAfterCommit(id);
			return UserResponse.of(this.users.saveAndFlush(user));
		});
	}

	@Transactional
	public UserResponse changeRole(Actor actor, long id, Role role) {
		if (actor.isSelf(id)) {
			throw new OwnRoleChangeForbidden();
		}
		User user = load(id);
		if (user.getRole() == Role.ADMIN && role != Role.ADMIN) {
			requireAnotherAdmin(id);
		}
		user.changeRole(role);
		evictAfterCommit(id);
		return UserResponse.of(this.users.saveAndFlush(user));
	}

	@Transactional
	public void delete(long id) {
		User user = load(id);
		if (user.getRole() == Role.ADMIN) {
			requireAnotherAdmin(id);
		}
		// Before the delete: listeners may still need to read what the user owns.
		this.events.publishEvent(new UserDeleted(id));
		evictAfterCommit(id);
		this.users.delete(user);
	}

	/**
	 * Cached copies go when the change commits, in every instance (they share Redis): a
	 * password or role change voids older tokens at once.
	 */
	private void evictAfterCommit(long id) {
		this.userCache.evictAfterCommit(id);
		this.tokenSubjectCache.evictAfterCommit(id);
	}

	private User create(NewUser newUser, String passwordHash, Role role) {
		String email = Emails.normalize(newUser.email());
		if (this.users.existsByEmail(email)) {
			throw new EmailAlreadyRegistered();
		}
		// Flushed at once, so that a concurrent registration that loses the race on the
		// unique index fails here, inside this transaction, and becomes a 409.
		return this.users.saveAndFlush(new User(email, passwordHash, newUser.displayName(), role));
	}

	private void requireAnotherAdmin(long leavingAdminId) {
		List<User> admins = this.users.lockAllByRole(Role.ADMIN);
		boolean anotherAdminLeft = admins.stream().anyMatch(admin -> admin.getId() != leavingAdminId);
		if (!anotherAdminLeft) {
			throw new LastAdminProtected();
		}
	}

	private static void requireVersion(User user, Long expectedVersion) {
		if (expectedVersion != null && expectedVersion != user.getVersion()) {
			throw new StaleVersion("user");
		}
	}

	private User load(long id) {
		return this.users.findById(id).orElseThrow(() -> new NotFound("User", id));
	}

	private static void requireSelfOr(Actor actor, long id, Permission permission) {
		if (!actor.ownsOr(id, permission)) {
			// The same 403 as any missing permission, whether or not that user exists.
			throw new AccessDeniedException("not the caller's profile");
		}
	}

	private static String likePattern(String query) {
		String escaped = query.trim()
			.toLowerCase(Locale.ROOT)
			.replace("\\", "\\\\")
			.replace("%", "\\%")
			.replace("_", "\\_");
		return "%" + escaped + "%";
	}

}
