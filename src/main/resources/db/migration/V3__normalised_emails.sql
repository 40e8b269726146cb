-- Emails are stored normalised (users/Emails.java: trimmed, ASCII letters lower-cased, nothing else), and the
-- uniqueness constraint is on the stored value. It used to be unique(lower(email)), but PostgreSQL's lower()
-- follows Unicode and the database's locale (it maps U+0130 to 'i'), while the application lower-cased
-- differently, so the lookup and the login throttle disagreed about which spellings are one account.
UPDATE users SET email = translate(email, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz');
DROP INDEX users_email_lower_uq;
CREATE UNIQUE INDEX users_email_uq ON users (email);
ALTER TABLE users ADD CONSTRAINT users_email_normalised
    CHECK (email = translate(email, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'));
