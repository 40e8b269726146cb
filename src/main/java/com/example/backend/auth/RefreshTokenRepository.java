package com.example.backend.auth;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface RefreshTokenRepository extends JpaRepository<RefreshToken, Long> {

	/**
	 * The first key of the family locks, so that they never collide with another user of
	 * advisory locks (Flyway takes one too).
	 */
	int FAMILY_LOCKS = 0x52544b46;

	@Query("select t.familyId from RefreshToken t where t.tokenHash = :hash")
	Optional<UUID> findFamilyByHash(@Param("hash") String hash);

	/**
	 * Serialises everything done to one family until the transaction ends. A row lock
	 * cannot: a revocation cannot lock the successor that a concurrent rotation is still
	 * inserting, so it would miss it.
	 */
	@Query(value = "select 1 from pg_advisory_xact_lock(" + RefreshTokenRepository.FAMILY_LOCKS + ", :family)",
			nativeQuery = true)
	int lockFamily(@Param("family") int familyHash);

	/**
	 * Locked, so that two concurrent uses of one token are serialised and the second one
	 * is seen as reuse.
	 */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select t from RefreshToken t where t.tokenHash = :hash")
	Optional<RefreshToken> findByHashForUpdate(@Param("hash") String hash);

	@Modifying
	@Query("update RefreshToken t set t.revokedAt = :now where t.familyId = :family and t.revokedAt is null")
	int revokeFamily(@Param("family") UUID family, @Param("now") Instant now);

	@Modifying
	@Query("delete from RefreshToken t where t.expiresAt < :cutoff")
	int deleteExpiredBefore(@Param("cutoff") Instant cutoff);

}
