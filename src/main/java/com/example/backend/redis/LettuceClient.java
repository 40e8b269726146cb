package com.example.backend.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.resource.ClientResources;

/**
 * A Lettuce client with the resources it was built on: a client does not shut down
 * resources it was given, so they are closed together here.
 */
record LettuceClient(RedisClient client, ClientResources resources) implements AutoCloseable {

	@Override
	public void close() {
		this.client.shutdown();
		this.resources.shutdown();
	}

}
