package dev.prooflane.routing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShardedMapTest {
  @Test
  void holdsWhatAHashMapHolds() {
    ShardedMap<String, Integer> map = ShardedMap.empty();
    Map<String, Integer> expected = new HashMap<>();
    for (int i = 0; i < 1_000; i++) {
      map = map.with("k" + i, i);
      expected.put("k" + i, i);
    }
    for (int i = 0; i < 1_000; i += 3) {
      map = map.without("k" + i);
      expected.remove("k" + i);
    }
    map = map.with("k1", -1).without("absent");
    expected.put("k1", -1);

    Map<String, Integer> actual = new HashMap<>();
    map.forEach(actual::put);
    assertThat(actual).isEqualTo(expected);
    assertThat(map.size()).isEqualTo(expected.size());
    assertThat(map.values()).hasSize(expected.size()).containsAll(expected.values());
    assertThat(map.get("k1")).isEqualTo(-1);
    assertThat(map.get("k0")).isNull();
  }

  @Test
  void leavesTheOriginalUnchanged() {
    ShardedMap<String, Integer> one = ShardedMap.<String, Integer>empty().with("a", 1);

    ShardedMap<String, Integer> two = one.with("a", 2).with("b", 3);

    assertThat(one.get("a")).isEqualTo(1);
    assertThat(one.get("b")).isNull();
    assertThat(one.size()).isEqualTo(1);
    assertThat(two.get("a")).isEqualTo(2);
    assertThat(two.size()).isEqualTo(2);
  }

  @Test
  void aChangedCopySharesEveryShardButOneWithTheOriginal() {
    // what keeps a change of a table of thousands as cheap as one of a table of a few
    ShardedMap<String, Integer> map = ShardedMap.empty();
    for (int i = 0; i < 1_000; i++) {
      map = map.with("k" + i, i);
    }

    assertThat(map.with("new", 1).sharedShards(map)).isEqualTo(ShardedMap.SHARDS - 1);
    assertThat(map.without("k5").sharedShards(map)).isEqualTo(ShardedMap.SHARDS - 1);
    assertThat(map.without("absent")).isSameAs(map);
  }

  @Test
  void diffNamesEachKeyWhoseValueChanged() {
    ShardedMap<String, Integer> before = ShardedMap.empty();
    for (int i = 0; i < 1_000; i++) {
      before = before.with("k" + i, i);
    }
    ShardedMap<String, Integer> after = before.with("k1", 100).without("k2").with("new", 7);

    List<String> changes = new ArrayList<>();
    after.diff(before, (key, was, is) -> changes.add(key + ": " + was + " -> " + is));

    assertThat(changes)
        .containsExactlyInAnyOrder("k1: 1 -> 100", "k2: 2 -> null", "new: null -> 7");
  }
}
