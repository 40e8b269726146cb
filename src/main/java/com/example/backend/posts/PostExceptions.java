package com.example.backend.posts;

import org.springframework.http.HttpStatus;

import com.example.backend.web.ApiException;

/** The facts about posts that end a request with a 4xx answer. */
final class PostExceptions {

	private PostExceptions() {
	}

	static final class NotYourPost extends ApiException {

		NotYourPost() {
			super(HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
					"Only the author, a moderator or an admin may change this post.");
		}

	}

	static final class DraftBelongsToItsAuthor extends ApiException {

		DraftBelongsToItsAuthor() {
			super(HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
					"Only the author may edit or publish a draft; moderators edit and unpublish published posts.");
		}

	}

	static final class VersionRequired extends ApiException {

		VersionRequired() {
			super(HttpStatus.PRECONDITION_REQUIRED, "precondition-required", "Precondition required",
					"Send the version you edited, as `version` in the body or as an If-Match header, "
							+ "so that concurrent edits cannot silently overwrite each other.");
		}

	}

}
