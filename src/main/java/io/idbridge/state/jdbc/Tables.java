package io.idbridge.state.jdbc;

/**
 * The names of the state tables and of the sequence that orders set members, under the configured
 * prefix.
 */
record Tables(String counters, String markers, String members, String sequence) {
  static Tables of(String prefix) {
    return new Tables(
        prefix + "counters", prefix + "markers", prefix + "set_members", prefix + "set_seq");
  }
}
