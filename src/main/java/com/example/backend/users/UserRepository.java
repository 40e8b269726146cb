package com.example.backend.users;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.example.backend.access.Role;

/**
 * The reads that every authenticated request makes ({@link #findTokenSubject}) and that
 * {@code GET /users/me} makes ({@link #findResponse}) join a caller's transaction but do
 * not start one ({@code SUPPORTS}): a single SELECT is atomic on its own, and a
 * transaction around it costs a {@code BEGIN} and a {@code COMMIT}, two of the four round
 * trips such a request made (load-tests/lab/results/profile-before.md). Both select
 * columns into records (JPQL constructor expressions), so that no {@link User} is
 * hydrated into a persistence context only to be copied out of it.
 */
interface UserRepository extends JpaRepository<User, Long> {

	/**
	 * The entity, for changes; {@code SUPPORTS} for the reads before a write's
	 * transaction.
	 */
	@Override
	@Transactional(propagation = Propagation.SUPPORTS)
	Optional<User> findById(Long id);

	@Transactional(propagation = Propagation.SUPPORTS)
	@Query("""
			select new com.example.backend.users.UserResponse(u.id, u.email, u.displayName, u.role, u.createdAt,
			u.updatedAt, u.version)
			from User u where u.id = :id
			""")
	Optional<UserResponse> findResponse(@Param("id") long id);

	/**
	 * {@code email} must be {@link Emails#normalize normalised}, as stored; the unique
	 * index {@code users_email_uq} serves the lookup.
	 */
	@Query("select u from User u where u.email = :email")
	Optional<User> findByEmail(@Param("email") String email);

	@Transactional(propagation = Propagation.SUPPORTS)
	@Query("select new com.example.backend.users.TokenSubject(u.id, u.role, u.tokenVersion) from User u where u.id = :id")
	Optional<TokenSubject> findTokenSubject(@Param("id") long id);

	@Query("select new com.example.backend.users.DisplayName(u.id, u.displayName) from User u where u.id in :ids")
	List<DisplayName> findDisplayNames(@Param("ids") Collection<Long> ids);

	/** {@code email} must be {@link Emails#normalize normalised}, as stored. */
	@Query("select count(u) > 0 from User u where u.email = :email")
	boolean existsByEmail(@Param("email") String email);

	@Query("select count(u) > 0 from User u where u.role = :role")
	boolean existsByRole(@Param("role") Role role);

	/**
	 * Case-insensitive substring search on email and display name, served by the trigram
	 * indexes. {@code pattern} is already escaped and wrapped in {@code %}.
	 */
	@Query("""
			select u from User u
			where lower(u.email) like :pattern escape '\\' or lower(u.displayName) like :pattern escape '\\'
			""")
	Page<User> search(@Param("pattern") String pattern, Pageable pageable);

	/**
	 * Locks every ADMIN row, so that two concurrent demotions or deletions cannot both
	 * see "another admin is left" and remove the last one.
	 */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select u from User u where u.role = :role")
	List<User> lockAllByRole(@Param("role") Role role);

}
