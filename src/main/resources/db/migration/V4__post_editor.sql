-- Who last changed a post: its author, or the moderator or admin who edited or unpublished it. Kept when that
-- account is deleted as NULL, so that the post itself survives a moderator's deletion.
ALTER TABLE posts ADD COLUMN updated_by BIGINT REFERENCES users (id) ON DELETE SET NULL;
UPDATE posts SET updated_by = author_id;
-- Deleting a user looks up the posts they last changed (the foreign key's ON DELETE).
CREATE INDEX posts_updated_by ON posts (updated_by) WHERE updated_by IS NOT NULL;
