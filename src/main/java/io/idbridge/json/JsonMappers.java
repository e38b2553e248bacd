package io.idbridge.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Every Jackson mapper of idbridge starts here: Jackson's default buffer pool lives in a
 * thread-local of each request thread, which would hold a redeployed webapp's class loader for as
 * long as the container's threads live; a shared pool dies with the webapp.
 */
public final class JsonMappers {
  private JsonMappers() {}

  /** A builder of a mapper with its own factory, whose buffers come from a shared pool. */
  public static JsonMapper.Builder builder() {
    return JsonMapper.builder(
        JsonFactory.builder().recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool()).build());
  }
}
