// Generated from the service's OpenAPI document by clients/typescript/generate.mjs. Do not edit:
// run `npm --prefix clients run generate` against a running service instead.
export interface paths {
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Exchange email and password for tokens
         * @description 401 is the same for an unknown email and a wrong password. 429 with Retry-After after 5 attempts per email and client address within 15 minutes, 30 per client address within 15 minutes, or 10 per second for the whole instance (all configurable).
         */
        post: operations["authLogin"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Revoke a refresh token and its family
         * @description Always 204, also for unknown tokens. Access tokens already issued stay valid until they expire (at most the access token lifetime).
         */
        post: operations["authLogout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Exchange a refresh token for a new pair (rotation)
         * @description The presented token is revoked. Presenting an already used token revokes its whole family (every token descending from the same login) and answers 401. Refresh calls of one client must therefore not run concurrently.
         */
        post: operations["authRefresh"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create an account with role USER
         * @description The email is trimmed and unique regardless of case (409 when taken). At most 10 registrations per client address and hour (configurable; 429 with Retry-After beyond).
         */
        post: operations["authRegister"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List orders, newest first
         * @description Own orders; ADMIN sees all and may filter by `userId`. Filter by `status`.
         */
        get: operations["ordersList"];
        put?: never;
        /**
         * Place an order
         * @description Reserves stock for all lines or none (409 `insufficient-stock`, nothing changed); prices are snapshotted and the total computed here. With `Idempotency-Key` (1-64 chars, remembered for app.orders.idempotency-key-ttl, 24 h by default), a retry with the same body returns the first response (same id, 201) and creates nothing, even when the requests race; the same key with another body is 422. Failed attempts are not remembered, so a retry after a 409 runs again. Each product may appear once (422). A user may have app.orders.max-pending-per-user unpaid orders (10 by default; 409 `too-many-pending-orders`); an order still unpaid after app.orders.pending-expiry (30 min) is cancelled and its stock returned.
         */
        post: operations["ordersCreate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders/{id}": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description ETag of the copy the client holds; 304 when it is still current
                 * @example "3"
                 */
                "If-None-Match"?: components["parameters"]["If-None-Match"];
            };
            path: {
                /** @description The resource's id */
                id: components["parameters"]["id"];
            };
            cookie?: never;
        };
        /**
         * One order (owner, ADMIN)
         * @description 404 for anyone else's order.
         */
        get: operations["ordersGet"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders/{id}/cancel": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description ETag from GET, e.g. "3": the change applies only to that version (412 when stale)
                 * @example "3"
                 */
                "If-Match"?: components["parameters"]["If-Match"];
            };
            path: {
                /** @description The resource's id */
                id: components["parameters"]["id"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel an order
         * @description Owner while PENDING, ADMIN while PENDING or PAID; the stock is returned. 409 otherwise. An optional `If-Match` (ETag from GET) makes it conditional (412 when stale).
         */
        post: operations["ordersCancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders/{id}/status": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description ETag from GET, e.g. "3": the change applies only to that version (412 when stale)
                 * @example "3"
                 */
                "If-Match"?: components["parameters"]["If-Match"];
            };
            path: {
                /** @description The resource's id */
                id: components["parameters"]["id"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Move an order on (ADMIN)
         * @description PENDING -> PAID -> SHIPPED -> DELIVERED, PENDING/PAID -> CANCELLED (stock returned); anything else is 409.
         */
        patch: operations["ordersChangeStatus"];
        trace?: never;
    };
    "/api/v1/ping": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness of the API itself, without touching the database */
        get: operations["operationsPing"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/posts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Published posts, newest first
         * @description Paged; `authorId` narrows to one author; sortable by createdAt only.
         */
        get: operations["postsList"];
        put?: never;
        /** Create a post */
        post: operations["postsCreate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/posts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id */
                id: components["parameters"]["id"];
            };
            cookie?: never;
        };
        /**
         * One post, with ETag
         * @description Drafts only for their author, moderators and admins (404 for others). Answers 304 to a matching If-None-Match.
         */
        get: operations["postsGet"];
        /**
         * Replace a post (author, MODERATOR, ADMIN)
         * @description Needs `version` in the body (409 when stale) or an `If-Match` ETag (412 when stale); with neither the answer is 428. Moderators unpublish by setting status DRAFT.
         */
        put: operations["postsUpdate"];
        post?: never;
        /** Delete a post (author, MODERATOR, ADMIN) */
        delete: operations["postsDelete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/products": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List products
         * @description Paged; sortable by name, price, createdAt, id.
         */
        get: operations["productsList"];
        put?: never;
        /**
         * Create a product (ADMIN)
         * @description 409 when the SKU is taken.
         */
        post: operations["productsCreate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/products/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id */
                id: components["parameters"]["id"];
            };
            cookie?: never;
        };
        /** One product */
        get: operations["productsGet"];
        /**
         * Replace a product (ADMIN)
         * @description Send `version` (409 when stale) or `If-Match` (412 when stale) to guard against lost updates; orders move the version too, because they change the stock.
         */
        put: operations["productsUpdate"];
        post?: never;
        /**
         * Delete a product (ADMIN)
         * @description Orders keep their lines (name and price were snapshotted); their productId becomes null.
         */
        delete: operations["productsDelete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users": {
        parameters: {
            query?: {
                /** @description Zero-based page index; negative values are read as 0 */
                page?: components["parameters"]["page"];
                /** @description Page size; values above 100 are reduced to 100 */
                size?: components["parameters"]["size"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List users (ADMIN)
         * @description Paged; `q` matches a case-insensitive substring of email or display name. Sortable by createdAt and id (each served by an index).
         */
        get: operations["usersList"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id */
                id: components["parameters"]["id"];
            };
            cookie?: never;
        };
        /** One user (self, MODERATOR, ADMIN) */
        get: operations["usersGet"];
        put?: never;
        post?: never;
        /**
         * Delete a user (ADMIN)
         * @description The last ADMIN cannot be deleted (409).
         */
        delete: operations["usersDelete"];
        options?: never;
        head?: never;
        /**
         * Update display name or password (self, ADMIN)
         * @description Changing one's own password needs `currentPassword` and signs out every session of the user (tokens issued before stop working). `version` (409 when stale) or `If-Match` (412 when stale) guard against lost updates. Wrong current passwords are limited like logins (5 per account in 15 minutes, configurable; 429 with Retry-After beyond).
         */
        patch: operations["usersUpdate"];
        trace?: never;
    };
    "/api/v1/users/{id}/posts": {
        parameters: {
            query?: {
                /** @description Zero-based page index; negative values are read as 0 */
                page?: components["parameters"]["page"];
                /** @description Page size; values above 100 are reduced to 100 */
                size?: components["parameters"]["size"];
            };
            header?: never;
            path: {
                /** @description The resource's id */
                id: components["parameters"]["id"];
            };
            cookie?: never;
        };
        /**
         * One author's posts
         * @description Published posts; the author also sees their drafts (send the token). 404 for unknown users.
         */
        get: operations["postsByAuthor"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}/role": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id */
                id: components["parameters"]["id"];
            };
            cookie?: never;
        };
        get?: never;
        /**
         * Change a user's role (ADMIN)
         * @description Nobody can change their own role; the last ADMIN cannot be demoted (409). The user's existing tokens stop working.
         */
        put: operations["usersChangeRole"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/me": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description ETag of the copy the client holds; 304 when it is still current
                 * @example "3"
                 */
                "If-None-Match"?: components["parameters"]["If-None-Match"];
            };
            path?: never;
            cookie?: never;
        };
        /** The current user */
        get: operations["usersMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * @example {
         *       "displayName": "Alice",
         *       "id": 7
         *     }
         */
        Author: {
            displayName: string;
            /** Format: int64 */
            id: number;
        };
        /**
         * @example {
         *       "role": "MODERATOR"
         *     }
         */
        ChangeRoleRequest: {
            /** @enum {string} */
            role: "USER" | "MODERATOR" | "ADMIN";
        };
        /**
         * @example {
         *       "status": "PAID"
         *     }
         */
        ChangeStatusRequest: {
            /** @enum {string} */
            status: "PENDING" | "PAID" | "SHIPPED" | "DELIVERED" | "CANCELLED";
        };
        /**
         * @example {
         *       "items": [
         *         {
         *           "productId": 3,
         *           "quantity": 2
         *         },
         *         {
         *           "productId": 1,
         *           "quantity": 1
         *         }
         *       ]
         *     }
         */
        CreateOrderRequest: {
            items: components["schemas"]["OrderLine"][];
        };
        /**
         * @example {
         *       "lineTotal": "79.80",
         *       "productId": 3,
         *       "productName": "Release It!",
         *       "quantity": 2,
         *       "unitPrice": "39.90"
         *     }
         */
        Item: {
            /**
             * @description A decimal amount with two places, as a string
             * @example 19.99
             */
            lineTotal: string;
            /**
             * Format: int64
             * @description null once the product is deleted: the line keeps its name and price
             */
            productId: number | null;
            productName: string;
            /** Format: int32 */
            quantity: number;
            /**
             * @description A decimal amount with two places, as a string
             * @example 19.99
             */
            unitPrice: string;
        };
        LoginRequest: {
            /** @example alice@example.com */
            email: string;
            /** @example demo-password */
            password: string;
        };
        OrderLine: {
            /**
             * Format: int64
             * @example 1
             */
            productId: number;
            /**
             * Format: int32
             * @example 2
             */
            quantity: number;
        };
        /**
         * @example {
         *       "createdAt": "2026-11-22T16:24:41Z",
         *       "id": 1001,
         *       "items": [
         *         {
         *           "lineTotal": "79.80",
         *           "productId": 3,
         *           "productName": "Release It!",
         *           "quantity": 2,
         *           "unitPrice": "39.90"
         *         },
         *         {
         *           "lineTotal": "9.50",
         *           "productId": 1,
         *           "productName": "Coffee mug",
         *           "quantity": 1,
         *           "unitPrice": "9.50"
         *         }
         *       ],
         *       "status": "PENDING",
         *       "total": "89.30",
         *       "updatedAt": "2026-11-22T16:24:41Z",
         *       "userId": 7,
         *       "version": 0
         *     }
         */
        OrderResponse: {
            /** Format: date-time */
            createdAt: string;
            /** Format: int64 */
            id: number;
            items: components["schemas"]["Item"][];
            /** @enum {string} */
            status: "PENDING" | "PAID" | "SHIPPED" | "DELIVERED" | "CANCELLED";
            /**
             * @description A decimal amount with two places, as a string
             * @example 19.99
             */
            total: string;
            /** Format: date-time */
            updatedAt: string;
            /**
             * Format: int64
             * @description null once the user is deleted: an order outlives its user
             */
            userId: number | null;
            /** Format: int64 */
            version: number;
        };
        PagedModelOrderResponse: {
            content: components["schemas"]["OrderResponse"][];
            page: components["schemas"]["PageMetadata"];
        };
        PagedModelPostResponse: {
            content: components["schemas"]["PostResponse"][];
            page: components["schemas"]["PageMetadata"];
        };
        PagedModelProductResponse: {
            content: components["schemas"]["ProductResponse"][];
            page: components["schemas"]["PageMetadata"];
        };
        PagedModelUserResponse: {
            content: components["schemas"]["UserResponse"][];
            page: components["schemas"]["PageMetadata"];
        };
        /**
         * @example {
         *       "number": 0,
         *       "size": 20,
         *       "totalElements": 1,
         *       "totalPages": 1
         *     }
         */
        PageMetadata: {
            /** Format: int64 */
            number: number;
            /** Format: int64 */
            size: number;
            /** Format: int64 */
            totalElements: number;
            /** Format: int64 */
            totalPages: number;
        };
        PostRequest: {
            /** @example The first post. */
            body: string;
            /**
             * @example PUBLISHED
             * @enum {string}
             */
            status: "DRAFT" | "PUBLISHED";
            /** @example Hello, world */
            title: string;
            /**
             * Format: int64
             * @description the version you edited (required on update unless If-Match is sent)
             * @example 0
             */
            version?: number;
        };
        /**
         * @example {
         *       "author": {
         *         "displayName": "Alice",
         *         "id": 7
         *       },
         *       "body": "The first post.",
         *       "createdAt": "2026-11-22T16:24:41Z",
         *       "id": 42,
         *       "status": "PUBLISHED",
         *       "title": "Hello, world",
         *       "updatedAt": "2026-11-22T16:24:41Z",
         *       "version": 0
         *     }
         */
        PostResponse: {
            author: components["schemas"]["Author"];
            body: string;
            /** Format: date-time */
            createdAt: string;
            /** Format: int64 */
            id: number;
            /** @enum {string} */
            status: "DRAFT" | "PUBLISHED";
            title: string;
            /** Format: date-time */
            updatedAt: string;
            /** Format: int64 */
            version: number;
        };
        /** @description RFC 9457 problem details. Other members (e.g. productId) may be added per type. */
        Problem: {
            detail: string;
            /** @description 422 validation-failed only: the invalid fields */
            errors?: {
                /** @example title */
                field: string;
                /** @example must not be blank */
                message: string;
            }[];
            /** Format: uri-reference */
            instance: string;
            requestId: string;
            /** Format: int32 */
            status: number;
            title: string;
            /** @description the request's trace id (W3C), to find it in the tracing backend */
            traceId?: string;
            /**
             * Format: uri
             * @description urn:problem-type:<name>; clients switch on the name
             * @example urn:problem-type:validation-failed
             */
            type: string;
        };
        ProductRequest: {
            /** @example Release It! */
            name: string;
            /** @example 39.90 */
            price: string;
            /** @example BOOK-003 */
            sku: string;
            /**
             * Format: int32
             * @example 12
             */
            stock: number;
            /**
             * Format: int64
             * @description on update: the version you edited; stale is 409
             */
            version?: number;
        };
        /**
         * @example {
         *       "createdAt": "2026-11-20T08:00:00Z",
         *       "id": 3,
         *       "name": "Release It!",
         *       "price": "39.90",
         *       "sku": "BOOK-003",
         *       "stock": 12,
         *       "updatedAt": "2026-11-22T16:24:41Z",
         *       "version": 5
         *     }
         */
        ProductResponse: {
            /** Format: date-time */
            createdAt: string;
            /** Format: int64 */
            id: number;
            name: string;
            /**
             * @description A decimal amount with two places, as a string
             * @example 19.99
             */
            price: string;
            sku: string;
            /** Format: int32 */
            stock: number;
            /** Format: date-time */
            updatedAt: string;
            /** Format: int64 */
            version: number;
        };
        /**
         * @example {
         *       "refreshToken": "q3Jx8n2VbKc1YtR7sLmW0pHdEaZ5uGfN9oTiXyQv4kM"
         *     }
         */
        RefreshRequest: {
            refreshToken: string;
        };
        RegisterRequest: {
            /** @example You */
            displayName: string;
            /**
             * Format: email
             * @example you@example.com
             */
            email: string;
            /** @example correct horse battery staple */
            password: string;
        };
        /**
         * @example {
         *       "accessToken": "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI3IiwiaXNzIjoicmVmZXJlbmNlLWJhY2tlbmQiLCJ0diI6MCwiaWF0IjoxNzk1ODc4NjgxLCJleHAiOjE3OTU4Nzk1ODEsImp0aSI6IjlkMmY0YjE4In0.1n0tJ5yQm9v3xkq8b0mBqU3YgWZ1FJ1q8dP5pZkq3aE",
         *       "expiresIn": 900,
         *       "refreshToken": "q3Jx8n2VbKc1YtR7sLmW0pHdEaZ5uGfN9oTiXyQv4kM",
         *       "tokenType": "Bearer"
         *     }
         */
        TokenResponse: {
            accessToken: string;
            /** Format: int64 */
            expiresIn: number;
            refreshToken: string;
            /** @example Bearer */
            tokenType: string;
        };
        /**
         * @example {
         *       "displayName": "Alice Liddell",
         *       "version": 2
         *     }
         */
        UpdateUserRequest: {
            currentPassword?: string;
            displayName?: string;
            password?: string;
            /** Format: int64 */
            version?: number;
        };
        /**
         * @example {
         *       "createdAt": "2026-11-22T16:24:41Z",
         *       "displayName": "Alice",
         *       "email": "alice@example.com",
         *       "id": 7,
         *       "role": "USER",
         *       "updatedAt": "2026-11-23T09:02:13Z",
         *       "version": 2
         *     }
         */
        UserResponse: {
            /** Format: date-time */
            createdAt: string;
            displayName: string;
            email: string;
            /** Format: int64 */
            id: number;
            /** @enum {string} */
            role: "USER" | "MODERATOR" | "ADMIN";
            /** Format: date-time */
            updatedAt: string;
            /** Format: int64 */
            version: number;
        };
    };
    responses: {
        /** @description Conflict with the current state (`email-taken`) */
        "email-taken": {
            headers: {
                "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "detail": "An account with this email address already exists.",
                 *       "instance": "/api/v1/posts/42",
                 *       "requestId": "3f1c2a9e-6b1d-4c53-9a55-0d3c2f8e7b10",
                 *       "status": 409,
                 *       "title": "Email already registered",
                 *       "type": "urn:problem-type:email-taken"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Forbidden: the caller's role lacks the permission (`forbidden`) */
        forbidden: {
            headers: {
                "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "detail": "Your role does not have the permission this operation requires.",
                 *       "instance": "/api/v1/posts/42",
                 *       "requestId": "3f1c2a9e-6b1d-4c53-9a55-0d3c2f8e7b10",
                 *       "status": 403,
                 *       "title": "Forbidden",
                 *       "type": "urn:problem-type:forbidden"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Conflict with the current state (`illegal-status-transition`) */
        "illegal-status-transition": {
            headers: {
                "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "detail": "An order cannot move from DELIVERED to PAID.",
                 *       "instance": "/api/v1/posts/42",
                 *       "requestId": "3f1c2a9e-6b1d-4c53-9a55-0d3c2f8e7b10",
                 *       "status": 409,
                 *       "title": "Illegal status transition",
                 *       "type": "urn:problem-type:illegal-status-transition"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Unexpected error: quote the requestId (`internal-error`) */
        "internal-error": {
            headers: {
                "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "detail": "An unexpected error occurred. Quote the request id when you report it.",
                 *       "instance": "/api/v1/posts/42",
                 *       "requestId": "3f1c2a9e-6b1d-4c53-9a55-0d3c2f8e7b10",
                 *       "status": 500,
                 *       "title": "Internal error",
                 *       "type": "urn:problem-type:internal-error"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Unauthorized (`invalid-credentials`) */
        "invalid-credentials": {
            headers: {
                "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "detail": "Email or password is wrong.",
                 *       "instance": "/api/v1/posts/42",
                 *       "requestId": "3f1c2a9e-6b1d-4c53-9a55-0d3c2f8e7b10",
                 *       "status": 401,
                 *       "title": "Invalid credentials",
                 *       "type": "urn:problem-type:invalid-credentials"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Unauthorized (`invalid-refresh-token`) */
        "invalid-refresh-token": {
            headers: {
                "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "detail": "The refresh token is unknown, expired or revoked. Log in again.",
                 *       "instance": "/api/v1/posts/42",
                 *       "requestId": "3f1c2a9e-6b1d-4c53-9a55-0d3c2f8e7b10",
                 *       "status": 401,
                 *       "title": "Invalid refresh token",
                 *       "type": "urn:problem-type:invalid-refresh-token"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Conflict with the current state (`last-admin`) */
        "last-admin": {
            headers: {
                "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "detail": "The last ADMIN cannot be demoted or deleted; promote another user first.",
                 *       "instance": "/api/v1/posts/42",
                 *       "requestId": "3f1c2a9e-6b1d-4c53-9a55-0d3c2f8e7b10",
                 *       "status": 409,
                 *       "title": "Last administrator",
                 *       "type": "urn:problem-type:last-admin"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Malformed request: unparseable JSON, a value of the wrong type or a bad query parameter (`malformed-request`) */
        "malformed-request": {
            headers: {
                "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "detail": "The request body is missing, is not valid JSON, or has a value of the wrong type.",
                 *       "instance": "/api/v1/posts/42",
                 *       "requestId": "3f1c2a9e-6b1d-4c53-9a55-0d3c2f8e7b10",
                 *       "status": 400,
                 *       "title": "Malformed request",
                 *       "type": "urn:problem-type:malformed-request"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description No content */
        "no-content": {
            headers: {
                "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                [name: string]: unknown;
            };
            content?: never;
        };
        /** @description Not found, or not yours (`not-found`) */
        "not-found": {
            headers: {
                "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "detail": "Post 42 was not found.",
                 *       "instance": "/api/v1/posts/42",
                 *       "requestId": "3f1c2a9e-6b1d-4c53-9a55-0d3c2f8e7b10",
                 *       "status": 404,
                 *       "title": "Not found",
                 *       "type": "urn:problem-type:not-found"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Not modified: the If-None-Match ETag is still current */
        "not-modified": {
            headers: {
                "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                ETag: components["headers"]["ETag"];
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                [name: string]: unknown;
            };
            content?: never;
        };
        /** @description OK */
        order: {
            headers: {
                "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                ETag: components["headers"]["ETag"];
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["OrderResponse"];
            };
        };
        /** @description Conflict with the current state (`order-not-cancellable`) */
        "order-not-cancellable": {
            headers: {
                "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "detail": "You can cancel an order only while it is PENDING; it is SHIPPED.",
                 *       "instance": "/api/v1/posts/42",
                 *       "requestId": "3f1c2a9e-6b1d-4c53-9a55-0d3c2f8e7b10",
                 *       "status": 409,
                 *       "title": "Order not cancellable",
                 *       "type": "urn:problem-type:order-not-cancellable"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Payload too large: the body exceeds the size this service accepts (`payload-too-large`) */
        "payload-too-large": {
            headers: {
                "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "detail": "The request body is larger than the 262144 bytes this service accepts.",
                 *       "instance": "/api/v1/posts/42",
                 *       "requestId": "3f1c2a9e-6b1d-4c53-9a55-0d3c2f8e7b10",
                 *       "status": 413,
                 *       "title": "Payload too large",
                 *       "type": "urn:problem-type:payload-too-large"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description OK */
        post: {
            headers: {
                "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                ETag: components["headers"]["ETag"];
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["PostResponse"];
            };
        };
        /** @description OK */
        "post-page": {
            headers: {
                "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["PagedModelPostResponse"];
            };
        };
        /** @description Precondition failed: If-Match is stale (`precondition-failed`) */
        "precondition-failed": {
            headers: {
                "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "detail": "If-Match does not match the current ETag; reload the resource and apply your change again.",
                 *       "instance": "/api/v1/posts/42",
                 *       "requestId": "3f1c2a9e-6b1d-4c53-9a55-0d3c2f8e7b10",
                 *       "status": 412,
                 *       "title": "Precondition failed",
                 *       "type": "urn:problem-type:precondition-failed"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Precondition required: send `version` or If-Match (`precondition-required`) */
        "precondition-required": {
            headers: {
                "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "detail": "Send the version you edited, as `version` in the body or as an If-Match header, so that concurrent edits cannot silently overwrite each other.",
                 *       "instance": "/api/v1/posts/42",
                 *       "requestId": "3f1c2a9e-6b1d-4c53-9a55-0d3c2f8e7b10",
                 *       "status": 428,
                 *       "title": "Precondition required",
                 *       "type": "urn:problem-type:precondition-required"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description OK */
        product: {
            headers: {
                "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                ETag: components["headers"]["ETag"];
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ProductResponse"];
            };
        };
        /** @description Service unavailable (overloaded or database down): retry after Retry-After seconds (`service-unavailable`) */
        "service-unavailable": {
            headers: {
                "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                "Retry-After": components["headers"]["Retry-After"];
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "detail": "The service is overloaded or its database is unreachable. Try again shortly.",
                 *       "instance": "/api/v1/posts/42",
                 *       "requestId": "3f1c2a9e-6b1d-4c53-9a55-0d3c2f8e7b10",
                 *       "status": 503,
                 *       "title": "Service unavailable",
                 *       "type": "urn:problem-type:service-unavailable"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Conflict with the current state (`sku-taken`) */
        "sku-taken": {
            headers: {
                "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "detail": "Another product already has this SKU.",
                 *       "instance": "/api/v1/posts/42",
                 *       "requestId": "3f1c2a9e-6b1d-4c53-9a55-0d3c2f8e7b10",
                 *       "status": 409,
                 *       "title": "SKU already used",
                 *       "type": "urn:problem-type:sku-taken"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Conflict with the current state (`stale-version`) */
        "stale-version": {
            headers: {
                "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "detail": "The post was changed by someone else; reload it and apply your change again.",
                 *       "instance": "/api/v1/posts/42",
                 *       "requestId": "3f1c2a9e-6b1d-4c53-9a55-0d3c2f8e7b10",
                 *       "status": 409,
                 *       "title": "Stale version",
                 *       "type": "urn:problem-type:stale-version"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description OK */
        token: {
            headers: {
                "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["TokenResponse"];
            };
        };
        /** @description Too many requests: wait for Retry-After seconds (`too-many-requests`) */
        "too-many-requests": {
            headers: {
                "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                "Retry-After": components["headers"]["Retry-After"];
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "detail": "Request limit reached. Try again in 3 seconds.",
                 *       "instance": "/api/v1/posts/42",
                 *       "requestId": "3f1c2a9e-6b1d-4c53-9a55-0d3c2f8e7b10",
                 *       "status": 429,
                 *       "title": "Too many requests",
                 *       "type": "urn:problem-type:too-many-requests"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Unauthorized (`unauthorized`) */
        unauthorized: {
            headers: {
                "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "detail": "The access token is invalid or has expired.",
                 *       "instance": "/api/v1/posts/42",
                 *       "requestId": "3f1c2a9e-6b1d-4c53-9a55-0d3c2f8e7b10",
                 *       "status": 401,
                 *       "title": "Unauthorized",
                 *       "type": "urn:problem-type:unauthorized"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Unsupported media type: send application/json (`unsupported-media-type`) */
        "unsupported-media-type": {
            headers: {
                "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "detail": "Content-Type 'text/plain;charset=UTF-8' is not supported.",
                 *       "instance": "/api/v1/posts/42",
                 *       "requestId": "3f1c2a9e-6b1d-4c53-9a55-0d3c2f8e7b10",
                 *       "status": 415,
                 *       "title": "Unsupported Media Type",
                 *       "type": "urn:problem-type:unsupported-media-type"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description OK */
        user: {
            headers: {
                "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                ETag: components["headers"]["ETag"];
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["UserResponse"];
            };
        };
        /** @description Well-formed but invalid (`validation-failed`) */
        "validation-failed": {
            headers: {
                "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "detail": "One or more fields are invalid.",
                 *       "errors": [
                 *         {
                 *           "field": "title",
                 *           "message": "must not be blank"
                 *         }
                 *       ],
                 *       "instance": "/api/v1/posts/42",
                 *       "requestId": "3f1c2a9e-6b1d-4c53-9a55-0d3c2f8e7b10",
                 *       "status": 422,
                 *       "title": "Validation failed",
                 *       "type": "urn:problem-type:validation-failed"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
    };
    parameters: {
        /** @description The resource's id */
        id: number;
        /**
         * @description ETag from GET, e.g. "3": the change applies only to that version (412 when stale)
         * @example "3"
         */
        "If-Match": string;
        /**
         * @description ETag of the copy the client holds; 304 when it is still current
         * @example "3"
         */
        "If-None-Match": string;
        /** @description Zero-based page index; negative values are read as 0 */
        page: number;
        /** @description Page size; values above 100 are reduced to 100 */
        size: number;
    };
    requestBodies: never;
    headers: {
        /**
         * @description Present when the request's Origin is on the CORS allow-list (app.cors.allowed-origins); other origins get a 403 problem
         * @example http://localhost:5173
         */
        "Access-Control-Allow-Origin": string;
        /**
         * @description Strong tag of the representation's version; send it as If-Match to change it
         * @example "3"
         */
        ETag: string;
        /**
         * @description true when this answer replays the first result for the same Idempotency-Key
         * @example false
         */
        "Idempotent-Replayed": "true" | "false";
        /**
         * @description Seconds to wait before trying again
         * @example 30
         */
        "Retry-After": number;
        /**
         * @description The bearer challenge; error="invalid_token" when a token was sent but rejected
         * @example Bearer realm="api", error="invalid_token"
         */
        "WWW-Authenticate": string;
        /**
         * @description Requests allowed per window (app.rate-limit.api.*): per user with a token, per client address without
         * @example 1200
         */
        "X-RateLimit-Limit": number;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    authLogin: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoginRequest"];
            };
        };
        responses: {
            200: components["responses"]["token"];
            400: components["responses"]["malformed-request"];
            401: components["responses"]["invalid-credentials"];
            413: components["responses"]["payload-too-large"];
            415: components["responses"]["unsupported-media-type"];
            422: components["responses"]["validation-failed"];
            /** @description Too many requests: wait for Retry-After seconds (`too-many-login-attempts`, `too-many-requests`) */
            429: {
                headers: {
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            500: components["responses"]["internal-error"];
            503: components["responses"]["service-unavailable"];
        };
    };
    authLogout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RefreshRequest"];
            };
        };
        responses: {
            204: components["responses"]["no-content"];
            400: components["responses"]["malformed-request"];
            413: components["responses"]["payload-too-large"];
            415: components["responses"]["unsupported-media-type"];
            422: components["responses"]["validation-failed"];
            429: components["responses"]["too-many-requests"];
            500: components["responses"]["internal-error"];
            503: components["responses"]["service-unavailable"];
        };
    };
    authRefresh: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RefreshRequest"];
            };
        };
        responses: {
            200: components["responses"]["token"];
            400: components["responses"]["malformed-request"];
            401: components["responses"]["invalid-refresh-token"];
            413: components["responses"]["payload-too-large"];
            415: components["responses"]["unsupported-media-type"];
            422: components["responses"]["validation-failed"];
            429: components["responses"]["too-many-requests"];
            500: components["responses"]["internal-error"];
            503: components["responses"]["service-unavailable"];
        };
    };
    authRegister: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RegisterRequest"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    /**
                     * @description Where the new resource lives
                     * @example /api/v1/users/42
                     */
                    Location: string;
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserResponse"];
                };
            };
            400: components["responses"]["malformed-request"];
            409: components["responses"]["email-taken"];
            413: components["responses"]["payload-too-large"];
            415: components["responses"]["unsupported-media-type"];
            422: components["responses"]["validation-failed"];
            /** @description Too many requests: wait for Retry-After seconds (`too-many-registrations`, `too-many-requests`) */
            429: {
                headers: {
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            500: components["responses"]["internal-error"];
            503: components["responses"]["service-unavailable"];
        };
    };
    ordersList: {
        parameters: {
            query?: {
                /** @description Zero-based page index; negative values are read as 0 */
                page?: components["parameters"]["page"];
                /** @description Page size; values above 100 are reduced to 100 */
                size?: components["parameters"]["size"];
                /**
                 * @description `property,asc` or `property,desc`; only the properties named in the description are sortable (others: 400)
                 * @example [
                 *       "createdAt,desc"
                 *     ]
                 */
                sort?: string[];
                status?: "PENDING" | "PAID" | "SHIPPED" | "DELIVERED" | "CANCELLED";
                userId?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PagedModelOrderResponse"];
                };
            };
            400: components["responses"]["malformed-request"];
            401: components["responses"]["unauthorized"];
            403: components["responses"]["forbidden"];
            429: components["responses"]["too-many-requests"];
            500: components["responses"]["internal-error"];
            503: components["responses"]["service-unavailable"];
        };
    };
    ordersCreate: {
        parameters: {
            query?: never;
            header?: {
                /** @description 1-64 characters chosen by the client */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateOrderRequest"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    /**
                     * @description Where the new resource lives
                     * @example /api/v1/orders/42
                     */
                    Location: string;
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderResponse"];
                };
            };
            400: components["responses"]["malformed-request"];
            401: components["responses"]["unauthorized"];
            403: components["responses"]["forbidden"];
            /** @description Conflict with the current state (`insufficient-stock`, `too-many-pending-orders`) */
            409: {
                headers: {
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["payload-too-large"];
            415: components["responses"]["unsupported-media-type"];
            /** @description Well-formed but invalid (`validation-failed`, `unknown-product`, `idempotency-key-reused`) */
            422: {
                headers: {
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["too-many-requests"];
            500: components["responses"]["internal-error"];
            503: components["responses"]["service-unavailable"];
        };
    };
    ordersGet: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description ETag of the copy the client holds; 304 when it is still current
                 * @example "3"
                 */
                "If-None-Match"?: components["parameters"]["If-None-Match"];
            };
            path: {
                /** @description The resource's id */
                id: components["parameters"]["id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["order"];
            304: components["responses"]["not-modified"];
            400: components["responses"]["malformed-request"];
            401: components["responses"]["unauthorized"];
            404: components["responses"]["not-found"];
            429: components["responses"]["too-many-requests"];
            500: components["responses"]["internal-error"];
            503: components["responses"]["service-unavailable"];
        };
    };
    ordersCancel: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description ETag from GET, e.g. "3": the change applies only to that version (412 when stale)
                 * @example "3"
                 */
                "If-Match"?: components["parameters"]["If-Match"];
            };
            path: {
                /** @description The resource's id */
                id: components["parameters"]["id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["order"];
            400: components["responses"]["malformed-request"];
            401: components["responses"]["unauthorized"];
            404: components["responses"]["not-found"];
            409: components["responses"]["order-not-cancellable"];
            412: components["responses"]["precondition-failed"];
            429: components["responses"]["too-many-requests"];
            500: components["responses"]["internal-error"];
            503: components["responses"]["service-unavailable"];
        };
    };
    ordersChangeStatus: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description ETag from GET, e.g. "3": the change applies only to that version (412 when stale)
                 * @example "3"
                 */
                "If-Match"?: components["parameters"]["If-Match"];
            };
            path: {
                /** @description The resource's id */
                id: components["parameters"]["id"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChangeStatusRequest"];
            };
        };
        responses: {
            200: components["responses"]["order"];
            400: components["responses"]["malformed-request"];
            401: components["responses"]["unauthorized"];
            403: components["responses"]["forbidden"];
            404: components["responses"]["not-found"];
            409: components["responses"]["illegal-status-transition"];
            412: components["responses"]["precondition-failed"];
            413: components["responses"]["payload-too-large"];
            415: components["responses"]["unsupported-media-type"];
            422: components["responses"]["validation-failed"];
            429: components["responses"]["too-many-requests"];
            500: components["responses"]["internal-error"];
            503: components["responses"]["service-unavailable"];
        };
    };
    operationsPing: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: string;
                    };
                };
            };
            401: components["responses"]["unauthorized"];
            429: components["responses"]["too-many-requests"];
            500: components["responses"]["internal-error"];
            503: components["responses"]["service-unavailable"];
        };
    };
    postsList: {
        parameters: {
            query?: {
                authorId?: number;
                /** @description Zero-based page index; negative values are read as 0 */
                page?: components["parameters"]["page"];
                /** @description Page size; values above 100 are reduced to 100 */
                size?: components["parameters"]["size"];
                /**
                 * @description `property,asc` or `property,desc`; only the properties named in the description are sortable (others: 400)
                 * @example [
                 *       "createdAt,desc"
                 *     ]
                 */
                sort?: string[];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["post-page"];
            400: components["responses"]["malformed-request"];
            401: components["responses"]["unauthorized"];
            429: components["responses"]["too-many-requests"];
            500: components["responses"]["internal-error"];
            503: components["responses"]["service-unavailable"];
        };
    };
    postsCreate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PostRequest"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    ETag: components["headers"]["ETag"];
                    /**
                     * @description Where the new resource lives
                     * @example /api/v1/posts/42
                     */
                    Location: string;
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PostResponse"];
                };
            };
            400: components["responses"]["malformed-request"];
            401: components["responses"]["unauthorized"];
            403: components["responses"]["forbidden"];
            413: components["responses"]["payload-too-large"];
            415: components["responses"]["unsupported-media-type"];
            422: components["responses"]["validation-failed"];
            429: components["responses"]["too-many-requests"];
            500: components["responses"]["internal-error"];
            503: components["responses"]["service-unavailable"];
        };
    };
    postsGet: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description ETag of the copy the client holds; 304 when it is still current
                 * @example "3"
                 */
                "If-None-Match"?: components["parameters"]["If-None-Match"];
            };
            path: {
                /** @description The resource's id */
                id: components["parameters"]["id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["post"];
            304: components["responses"]["not-modified"];
            400: components["responses"]["malformed-request"];
            401: components["responses"]["unauthorized"];
            404: components["responses"]["not-found"];
            429: components["responses"]["too-many-requests"];
            500: components["responses"]["internal-error"];
            503: components["responses"]["service-unavailable"];
        };
    };
    postsUpdate: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description ETag from GET, e.g. "3": the change applies only to that version (412 when stale)
                 * @example "3"
                 */
                "If-Match"?: components["parameters"]["If-Match"];
            };
            path: {
                /** @description The resource's id */
                id: components["parameters"]["id"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PostRequest"];
            };
        };
        responses: {
            200: components["responses"]["post"];
            400: components["responses"]["malformed-request"];
            401: components["responses"]["unauthorized"];
            403: components["responses"]["forbidden"];
            404: components["responses"]["not-found"];
            409: components["responses"]["stale-version"];
            412: components["responses"]["precondition-failed"];
            413: components["responses"]["payload-too-large"];
            415: components["responses"]["unsupported-media-type"];
            422: components["responses"]["validation-failed"];
            428: components["responses"]["precondition-required"];
            429: components["responses"]["too-many-requests"];
            500: components["responses"]["internal-error"];
            503: components["responses"]["service-unavailable"];
        };
    };
    postsDelete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id */
                id: components["parameters"]["id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: components["responses"]["no-content"];
            400: components["responses"]["malformed-request"];
            401: components["responses"]["unauthorized"];
            403: components["responses"]["forbidden"];
            404: components["responses"]["not-found"];
            429: components["responses"]["too-many-requests"];
            500: components["responses"]["internal-error"];
            503: components["responses"]["service-unavailable"];
        };
    };
    productsList: {
        parameters: {
            query?: {
                /** @description Zero-based page index; negative values are read as 0 */
                page?: components["parameters"]["page"];
                /** @description Page size; values above 100 are reduced to 100 */
                size?: components["parameters"]["size"];
                /**
                 * @description `property,asc` or `property,desc`; only the properties named in the description are sortable (others: 400)
                 * @example [
                 *       "name,asc"
                 *     ]
                 */
                sort?: string[];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PagedModelProductResponse"];
                };
            };
            400: components["responses"]["malformed-request"];
            401: components["responses"]["unauthorized"];
            429: components["responses"]["too-many-requests"];
            500: components["responses"]["internal-error"];
            503: components["responses"]["service-unavailable"];
        };
    };
    productsCreate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProductRequest"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    /**
                     * @description Where the new resource lives
                     * @example /api/v1/products/42
                     */
                    Location: string;
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProductResponse"];
                };
            };
            400: components["responses"]["malformed-request"];
            401: components["responses"]["unauthorized"];
            403: components["responses"]["forbidden"];
            409: components["responses"]["sku-taken"];
            413: components["responses"]["payload-too-large"];
            415: components["responses"]["unsupported-media-type"];
            422: components["responses"]["validation-failed"];
            429: components["responses"]["too-many-requests"];
            500: components["responses"]["internal-error"];
            503: components["responses"]["service-unavailable"];
        };
    };
    productsGet: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description ETag of the copy the client holds; 304 when it is still current
                 * @example "3"
                 */
                "If-None-Match"?: components["parameters"]["If-None-Match"];
            };
            path: {
                /** @description The resource's id */
                id: components["parameters"]["id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["product"];
            304: components["responses"]["not-modified"];
            400: components["responses"]["malformed-request"];
            401: components["responses"]["unauthorized"];
            404: components["responses"]["not-found"];
            429: components["responses"]["too-many-requests"];
            500: components["responses"]["internal-error"];
            503: components["responses"]["service-unavailable"];
        };
    };
    productsUpdate: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description ETag from GET, e.g. "3": the change applies only to that version (412 when stale)
                 * @example "3"
                 */
                "If-Match"?: components["parameters"]["If-Match"];
            };
            path: {
                /** @description The resource's id */
                id: components["parameters"]["id"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProductRequest"];
            };
        };
        responses: {
            200: components["responses"]["product"];
            400: components["responses"]["malformed-request"];
            401: components["responses"]["unauthorized"];
            403: components["responses"]["forbidden"];
            404: components["responses"]["not-found"];
            /** @description Conflict with the current state (`stale-version`, `sku-taken`) */
            409: {
                headers: {
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            412: components["responses"]["precondition-failed"];
            413: components["responses"]["payload-too-large"];
            415: components["responses"]["unsupported-media-type"];
            422: components["responses"]["validation-failed"];
            429: components["responses"]["too-many-requests"];
            500: components["responses"]["internal-error"];
            503: components["responses"]["service-unavailable"];
        };
    };
    productsDelete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id */
                id: components["parameters"]["id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: components["responses"]["no-content"];
            400: components["responses"]["malformed-request"];
            401: components["responses"]["unauthorized"];
            403: components["responses"]["forbidden"];
            404: components["responses"]["not-found"];
            429: components["responses"]["too-many-requests"];
            500: components["responses"]["internal-error"];
            503: components["responses"]["service-unavailable"];
        };
    };
    usersList: {
        parameters: {
            query?: {
                /** @description Zero-based page index; negative values are read as 0 */
                page?: components["parameters"]["page"];
                /** @description search text */
                q?: string;
                /** @description Page size; values above 100 are reduced to 100 */
                size?: components["parameters"]["size"];
                /**
                 * @description `property,asc` or `property,desc`; only the properties named in the description are sortable (others: 400)
                 * @example [
                 *       "createdAt,asc"
                 *     ]
                 */
                sort?: string[];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PagedModelUserResponse"];
                };
            };
            400: components["responses"]["malformed-request"];
            401: components["responses"]["unauthorized"];
            403: components["responses"]["forbidden"];
            429: components["responses"]["too-many-requests"];
            500: components["responses"]["internal-error"];
            503: components["responses"]["service-unavailable"];
        };
    };
    usersGet: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description ETag of the copy the client holds; 304 when it is still current
                 * @example "3"
                 */
                "If-None-Match"?: components["parameters"]["If-None-Match"];
            };
            path: {
                /** @description The resource's id */
                id: components["parameters"]["id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["user"];
            304: components["responses"]["not-modified"];
            400: components["responses"]["malformed-request"];
            401: components["responses"]["unauthorized"];
            403: components["responses"]["forbidden"];
            404: components["responses"]["not-found"];
            429: components["responses"]["too-many-requests"];
            500: components["responses"]["internal-error"];
            503: components["responses"]["service-unavailable"];
        };
    };
    usersDelete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id */
                id: components["parameters"]["id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: components["responses"]["no-content"];
            400: components["responses"]["malformed-request"];
            401: components["responses"]["unauthorized"];
            403: components["responses"]["forbidden"];
            404: components["responses"]["not-found"];
            409: components["responses"]["last-admin"];
            429: components["responses"]["too-many-requests"];
            500: components["responses"]["internal-error"];
            503: components["responses"]["service-unavailable"];
        };
    };
    usersUpdate: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description ETag from GET, e.g. "3": the change applies only to that version (412 when stale)
                 * @example "3"
                 */
                "If-Match"?: components["parameters"]["If-Match"];
            };
            path: {
                /** @description The resource's id */
                id: components["parameters"]["id"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateUserRequest"];
            };
        };
        responses: {
            200: components["responses"]["user"];
            400: components["responses"]["malformed-request"];
            401: components["responses"]["unauthorized"];
            403: components["responses"]["forbidden"];
            404: components["responses"]["not-found"];
            409: components["responses"]["stale-version"];
            412: components["responses"]["precondition-failed"];
            413: components["responses"]["payload-too-large"];
            415: components["responses"]["unsupported-media-type"];
            /** @description Well-formed but invalid (`validation-failed`, `current-password-mismatch`) */
            422: {
                headers: {
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: wait for Retry-After seconds (`too-many-password-checks`, `too-many-requests`) */
            429: {
                headers: {
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            500: components["responses"]["internal-error"];
            503: components["responses"]["service-unavailable"];
        };
    };
    postsByAuthor: {
        parameters: {
            query?: {
                /** @description Zero-based page index; negative values are read as 0 */
                page?: components["parameters"]["page"];
                /** @description Page size; values above 100 are reduced to 100 */
                size?: components["parameters"]["size"];
                /**
                 * @description `property,asc` or `property,desc`; only the properties named in the description are sortable (others: 400)
                 * @example [
                 *       "createdAt,desc"
                 *     ]
                 */
                sort?: string[];
            };
            header?: never;
            path: {
                /** @description The resource's id */
                id: components["parameters"]["id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["post-page"];
            400: components["responses"]["malformed-request"];
            401: components["responses"]["unauthorized"];
            404: components["responses"]["not-found"];
            429: components["responses"]["too-many-requests"];
            500: components["responses"]["internal-error"];
            503: components["responses"]["service-unavailable"];
        };
    };
    usersChangeRole: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id */
                id: components["parameters"]["id"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChangeRoleRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserResponse"];
                };
            };
            400: components["responses"]["malformed-request"];
            401: components["responses"]["unauthorized"];
            403: components["responses"]["forbidden"];
            404: components["responses"]["not-found"];
            409: components["responses"]["last-admin"];
            413: components["responses"]["payload-too-large"];
            415: components["responses"]["unsupported-media-type"];
            422: components["responses"]["validation-failed"];
            429: components["responses"]["too-many-requests"];
            500: components["responses"]["internal-error"];
            503: components["responses"]["service-unavailable"];
        };
    };
    usersMe: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description ETag of the copy the client holds; 304 when it is still current
                 * @example "3"
                 */
                "If-None-Match"?: components["parameters"]["If-None-Match"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["user"];
            304: components["responses"]["not-modified"];
            401: components["responses"]["unauthorized"];
            429: components["responses"]["too-many-requests"];
            500: components["responses"]["internal-error"];
            503: components["responses"]["service-unavailable"];
        };
    };
}
