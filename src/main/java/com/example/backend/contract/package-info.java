/**
 * The API's vocabulary, defined once: the problem types its errors carry
 * ({@link com.example.backend.contract.ProblemType}) and the names of its own HTTP
 * headers ({@link com.example.backend.contract.ApiHeaders}). Exceptions, the error
 * handlers, the filters and the OpenAPI document all take them from here, so that a name
 * cannot drift between what the service answers and what the document promises.
 */
package com.example.backend.contract;
