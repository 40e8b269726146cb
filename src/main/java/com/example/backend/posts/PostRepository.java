package com.example.backend.posts;

import java.util.List;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The status is written as a literal, not a parameter, so that PostgreSQL can match the
 * partial index {@code posts_published_created_idx (... WHERE status = 'PUBLISHED')} even
 * with a cached generic plan.
 * <p>
 * Reads join the author's display name from {@code users} (read-only, by primary key):
 * one statement per page instead of a second query for the names, which was a third of
 * the statements and round trips of these requests. Writes and the users feature are
 * untouched; the foreign key {@code posts.author_id} guarantees that the inner join keeps
 * every post. Counts stay on {@code posts} alone. One post by id is read with plain JDBC
 * ({@link PostReads}).
 * <p>
 * Those reads join a caller's transaction but do not start one ({@code SUPPORTS}): one
 * SELECT is atomic on its own, and at PostgreSQL's READ COMMITTED a page and its count
 * see separate snapshots inside a transaction too, so a read-only transaction would only
 * add a {@code BEGIN} and a {@code COMMIT} round trip.
 */
interface PostRepository extends JpaRepository<Post, Long> {

	@Transactional(propagation = Propagation.SUPPORTS)
	@Query(value = PostWithAuthor.SELECT + """
			from Post p join User u on u.id = p.authorId
			where p.status = com.example.backend.posts.PostStatus.PUBLISHED
			""",
			countQuery = "select count(p) from Post p where p.status = com.example.backend.posts.PostStatus.PUBLISHED")
	Page<PostWithAuthor> findPublished(Pageable pageable);

	@Transactional(propagation = Propagation.SUPPORTS)
	@Query(value = PostWithAuthor.SELECT + """
			from Post p join User u on u.id = p.authorId
			where p.authorId = :authorId and p.status = com.example.backend.posts.PostStatus.PUBLISHED
			""", countQuery = """
			select count(p) from Post p
			where p.authorId = :authorId and p.status = com.example.backend.posts.PostStatus.PUBLISHED
			""")
	Page<PostWithAuthor> findPublishedByAuthor(@Param("authorId") long authorId, Pageable pageable);

	@Query("select p.id from Post p where p.authorId = :authorId")
	List<Long> findIdsByAuthor(@Param("authorId") long authorId);

	@Transactional(propagation = Propagation.SUPPORTS)
	@Query(value = PostWithAuthor.SELECT + """
			from Post p join User u on u.id = p.authorId
			where p.authorId = :authorId
			""", countQuery = "select count(p) from Post p where p.authorId = :authorId")
	Page<PostWithAuthor> findAllByAuthor(@Param("authorId") long authorId, Pageable pageable);

}
