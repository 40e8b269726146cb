package com.example.backend.posts;

import java.util.List;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/**
 * The status is written as a literal, not a parameter, so that PostgreSQL can match the
 * partial index {@code posts_published_created_idx (... WHERE status = 'PUBLISHED')} even
 * with a cached generic plan.
 */
interface PostRepository extends JpaRepository<Post, Long> {

	@Query("select p from Post p where p.status = com.example.backend.posts.PostStatus.PUBLISHED")
	Page<Post> findPublished(Pageable pageable);

	@Query("""
			select p from Post p
			where p.authorId = :authorId and p.status = com.example.backend.posts.PostStatus.PUBLISHED
			""")
	Page<Post> findPublishedByAuthor(@Param("authorId") long authorId, Pageable pageable);

	@Query("select p.id from Post p where p.authorId = :authorId")
	List<Long> findIdsByAuthor(@Param("authorId") long authorId);

	@Query("select p from Post p where p.authorId = :authorId")
	Page<Post> findAllByAuthor(@Param("authorId") long authorId, Pageable pageable);

}
