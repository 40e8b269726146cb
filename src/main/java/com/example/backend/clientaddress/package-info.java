/**
 * The client address behind the trusted proxies, keyed so that per-address limits count
 * clients rather than spellings or single IPv6 addresses.
 */
package com.example.backend.clientaddress;
