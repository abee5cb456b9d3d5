package dev.agenthub.dsl;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The {@code needs} edges of a pipeline's steps: unknown targets, cycles and ancestry. */
final class StepGraph {

  private final List<StepDefinition> steps;
  private final Map<String, Integer> firstIndex = new HashMap<>();

  StepGraph(List<StepDefinition> steps) {
    this.steps = steps;
    for (int i = 0; i < steps.size(); i++) {
      String id = steps.get(i).id();
      if (id != null) {
        firstIndex.putIfAbsent(id, i);
      }
    }
  }

  /** Index of the first step with {@code id}, or -1. */
  int indexOf(String id) {
    Integer index = firstIndex.get(id);
    return index == null ? -1 : index;
  }

  boolean contains(String id) {
    return firstIndex.containsKey(id);
  }

  /** Unknown and self-referencing {@code needs} of step {@code i}. */
  void checkNeeds(int i, List<ValidationError> errors) {
    StepDefinition step = steps.get(i);
    for (int n = 0; n < step.needs().size(); n++) {
      String need = step.needs().get(n);
      String path = "steps[" + i + "].needs[" + n + "]";
      if (need.equals(step.id())) {
        errors.add(new ValidationError(path, "step \"" + need + "\" cannot need itself"));
      } else if (!contains(need)) {
        errors.add(new ValidationError(path, "unknown step \"" + need + "\""));
      }
    }
  }

  /**
   * One error per dependency cycle, at the {@code needs} entry of the cycle's earliest step that
   * leads into it: {@code steps[1].needs[0]: cycle: a -> b -> a} (read "a needs b, which needs a").
   */
  void checkCycles(List<ValidationError> errors) {
    Set<Integer> reported = new HashSet<>();
    for (int start = 0; start < steps.size(); start++) {
      if (reported.contains(start) || indexOf(steps.get(start).id()) != start) {
        continue;
      }
      List<Integer> cycle = shortestCycleThrough(start);
      if (cycle.isEmpty()) {
        continue;
      }
      reported.addAll(cycle);
      List<String> ids = new ArrayList<>();
      cycle.forEach(index -> ids.add(steps.get(index).id()));
      ids.add(steps.get(start).id());
      int needIndex = steps.get(start).needs().indexOf(steps.get(cycle.get(1)).id());
      errors.add(
          new ValidationError(
              "steps[" + start + "].needs[" + needIndex + "]",
              "cycle: " + String.join(" -> ", ids)));
    }
  }

  /** Step indexes of the shortest cycle from {@code start} back to it (self-loops excluded). */
  private List<Integer> shortestCycleThrough(int start) {
    Map<Integer, Integer> previous = new HashMap<>();
    Deque<Integer> queue = new ArrayDeque<>();
    for (int next : edges(start)) {
      if (next != start && previous.putIfAbsent(next, start) == null) {
        queue.add(next);
      }
    }
    while (!queue.isEmpty()) {
      int current = queue.poll();
      for (int next : edges(current)) {
        if (next == start) {
          List<Integer> path = new ArrayList<>();
          for (Integer at = current; at != start; at = previous.get(at)) {
            path.add(0, at);
          }
          path.add(0, start);
          return path;
        }
        if (previous.putIfAbsent(next, current) == null) {
          queue.add(next);
        }
      }
    }
    return List.of();
  }

  /** Ids of every step {@code i} transitively needs. */
  Set<String> upstream(int i) {
    Set<String> seen = new LinkedHashSet<>();
    Deque<Integer> queue = new ArrayDeque<>(edges(i));
    while (!queue.isEmpty()) {
      int current = queue.poll();
      if (seen.add(steps.get(current).id())) {
        queue.addAll(edges(current));
      }
    }
    return seen;
  }

  private List<Integer> edges(int i) {
    List<Integer> targets = new ArrayList<>();
    for (String need : steps.get(i).needs()) {
      Integer target = firstIndex.get(need);
      if (target != null) {
        targets.add(target);
      }
    }
    return targets;
  }
}
