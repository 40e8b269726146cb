package com.example.backend.posts;

import com.example.backend.contract.ProblemType;
import com.example.backend.errors.ApiException;

/** The facts about posts that end a request with a 4xx answer. */
final class PostExceptions {

	private PostExceptions() {
	}

	static final class NotYourPost extends ApiException {

		NotYourPost() {
			super(ProblemType.FORBIDDEN, "Only the author, a moderator or an admin may change this post.");
		}

	}

	static final class DraftBelongsToItsAuthor extends ApiException {

		DraftBelongsToItsAuthor() {
			super(ProblemType.FORBIDDEN,
					"Only the author may edit or publish a draft; moderators edit and unpublish published posts.");
		}

	}

	static final class VersionRequired extends ApiException {

		VersionRequired() {
			super(ProblemType.PRECONDITION_REQUIRED);
		}

	}

}
