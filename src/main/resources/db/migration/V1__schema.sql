-- The whole domain of the API contract. Constraints live here, not only in code:
-- the database is the last line of defence against a bug or a race in the service layer.
-- Ids come from sequences that step by 50 so that Hibernate can hand out ids in blocks and batch inserts.

-- Trigram indexes serve the admin user search (?q= matches anywhere in email or display name).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE SEQUENCE users_id_seq INCREMENT BY 50;
CREATE TABLE users (
    id            BIGINT       PRIMARY KEY,
    email         VARCHAR(254) NOT NULL,
    password_hash VARCHAR(255) NOT NULL,
    display_name  VARCHAR(100) NOT NULL,
    role          VARCHAR(16)  NOT NULL CHECK (role IN ('USER', 'MODERATOR', 'ADMIN')),
    -- Part of every access token; bumped on role change, password change and deletion to void older tokens.
    token_version INTEGER      NOT NULL DEFAULT 0,
    created_at    TIMESTAMPTZ  NOT NULL,
    updated_at    TIMESTAMPTZ  NOT NULL,
    version       BIGINT       NOT NULL DEFAULT 0,
    CONSTRAINT users_email_trimmed CHECK (email = btrim(email) AND length(email) >= 3)
);
CREATE UNIQUE INDEX users_email_lower_uq ON users (lower(email));
CREATE INDEX users_role_idx ON users (role);
CREATE INDEX users_created_at_idx ON users (created_at, id);
CREATE INDEX users_email_trgm_idx ON users USING gin (lower(email) gin_trgm_ops);
CREATE INDEX users_display_name_trgm_idx ON users USING gin (lower(display_name) gin_trgm_ops);

CREATE SEQUENCE refresh_tokens_id_seq INCREMENT BY 50;
CREATE TABLE refresh_tokens (
    id            BIGINT      PRIMARY KEY,
    user_id       BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- All tokens descending from one login share a family; reuse of a rotated token revokes the family.
    family_id     UUID        NOT NULL,
    -- SHA-256 of the token, hex. The token itself is never stored.
    token_hash    CHAR(64)    NOT NULL UNIQUE,
    token_version INTEGER     NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    expires_at    TIMESTAMPTZ NOT NULL,
    revoked_at    TIMESTAMPTZ
);
CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id);
CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_expires_idx ON refresh_tokens (expires_at);

CREATE SEQUENCE posts_id_seq INCREMENT BY 50;
CREATE TABLE posts (
    id         BIGINT       PRIMARY KEY,
    author_id  BIGINT       NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title      VARCHAR(200) NOT NULL CHECK (length(title) >= 1),
    body       TEXT         NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
    status     VARCHAR(16)  NOT NULL CHECK (status IN ('DRAFT', 'PUBLISHED')),
    created_at TIMESTAMPTZ  NOT NULL,
    updated_at TIMESTAMPTZ  NOT NULL,
    version    BIGINT       NOT NULL DEFAULT 0
);
-- Public list: published posts, newest first (partial index: drafts never appear there).
CREATE INDEX posts_published_created_idx ON posts (created_at DESC, id DESC) WHERE status = 'PUBLISHED';
-- ?authorId= and /users/{id}/posts, with or without drafts.
CREATE INDEX posts_author_status_created_idx ON posts (author_id, status, created_at DESC, id DESC);

CREATE SEQUENCE products_id_seq INCREMENT BY 50;
CREATE TABLE products (
    id         BIGINT        PRIMARY KEY,
    sku        VARCHAR(64)   NOT NULL UNIQUE,
    name       VARCHAR(200)  NOT NULL,
    price      NUMERIC(12, 2) NOT NULL CHECK (price > 0),
    stock      INTEGER       NOT NULL CHECK (stock >= 0),
    created_at TIMESTAMPTZ   NOT NULL,
    updated_at TIMESTAMPTZ   NOT NULL,
    version    BIGINT        NOT NULL DEFAULT 0
);
CREATE INDEX products_name_idx ON products (name, id);

CREATE SEQUENCE orders_id_seq INCREMENT BY 50;
CREATE TABLE orders (
    id         BIGINT         PRIMARY KEY,
    -- Orders are business records: they outlive the account that placed them.
    user_id    BIGINT         REFERENCES users (id) ON DELETE SET NULL,
    status     VARCHAR(16)    NOT NULL CHECK (status IN ('PENDING', 'PAID', 'SHIPPED', 'DELIVERED', 'CANCELLED')),
    total      NUMERIC(14, 2) NOT NULL CHECK (total >= 0),
    created_at TIMESTAMPTZ    NOT NULL,
    updated_at TIMESTAMPTZ    NOT NULL,
    version    BIGINT         NOT NULL DEFAULT 0
);
CREATE INDEX orders_user_created_idx ON orders (user_id, created_at DESC, id DESC);
CREATE INDEX orders_user_status_created_idx ON orders (user_id, status, created_at DESC, id DESC);
CREATE INDEX orders_status_created_idx ON orders (status, created_at DESC, id DESC);
CREATE INDEX orders_created_idx ON orders (created_at DESC, id DESC);

CREATE SEQUENCE order_items_id_seq INCREMENT BY 50;
CREATE TABLE order_items (
    id           BIGINT         PRIMARY KEY,
    order_id     BIGINT         NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    -- Name and price are snapshotted, so the line stays meaningful if the product is deleted.
    product_id   BIGINT         REFERENCES products (id) ON DELETE SET NULL,
    product_name VARCHAR(200)   NOT NULL,
    quantity     INTEGER        NOT NULL CHECK (quantity BETWEEN 1 AND 100),
    unit_price   NUMERIC(12, 2) NOT NULL CHECK (unit_price > 0),
    line_total   NUMERIC(14, 2) NOT NULL,
    CONSTRAINT order_items_line_total CHECK (line_total = unit_price * quantity)
);
CREATE INDEX order_items_order_idx ON order_items (order_id);
CREATE INDEX order_items_product_idx ON order_items (product_id);

CREATE SEQUENCE idempotency_records_id_seq INCREMENT BY 50;
CREATE TABLE idempotency_records (
    id              BIGINT      PRIMARY KEY,
    user_id         BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    idempotency_key VARCHAR(64) NOT NULL,
    -- SHA-256 of the canonical request body: the same key with another body is rejected.
    request_hash    CHAR(64)    NOT NULL,
    response_status INTEGER,
    response_body   JSONB,
    created_at      TIMESTAMPTZ NOT NULL,
    expires_at      TIMESTAMPTZ NOT NULL,
    CONSTRAINT idempotency_records_key_uq UNIQUE (user_id, idempotency_key)
);
CREATE INDEX idempotency_records_expires_idx ON idempotency_records (expires_at);
