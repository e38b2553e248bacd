package io.idbridge.state;

import io.idbridge.testing.FakeClock;

class MemoryStateStoreTest extends StateStoreContract {

  @Override
  protected StateStore open(FakeClock clock) {
    return new MemoryStateStore(clock);
  }

  @Override
  protected int incrementsPerThread() {
    return 1000;
  }
}
