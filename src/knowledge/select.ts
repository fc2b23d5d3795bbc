/** Selections over typed arrays that the search needs: binary search, k-th largest value, the k best positions. */

/** The first position in `items[from, to)` (sorted) whose value is at least `value`. */
export function lowerBound(items: Int32Array, from: number, to: number, value: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (items[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The `k`-th largest value (1 for the largest), or -Infinity when there are fewer; reorders `values`. */
export function kthLargest(values: Float64Array, k: number): number {
  if (k < 1 || k > values.length) return Number.NEGATIVE_INFINITY;
  // quickselect on the position of the k-th largest, which is `values.length - k` in ascending order
  const target = values.length - k;
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >>> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i] < pivot) i++;
      while (values[j] > pivot) j--;
      if (i <= j) {
        const t = values[i];
        values[i++] = values[j];
        values[j--] = t;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else return values[target];
  }
  return values[target];
}

/** Positions of the `k` best scores among those `aside` refuses (ties: the earlier first), plus every position `aside` accepts; best first. */
export function topK(scores: Float64Array, k: number, aside: (j: number) => boolean = () => false): number[] {
  const better = (a: number, b: number) => scores[a] > scores[b] || (scores[a] === scores[b] && a < b);
  // as few scores as kept (the shipped pack: a few dozen): sorted at once, no heap
  if (scores.length <= k) return [...scores.keys()].sort((a, b) => (better(a, b) ? -1 : 1));
  const picked: number[] = [];
  // a min-heap of the k best so far: its root is the worst of them
  const heap: number[] = [];
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let w = i;
      if (l < heap.length && better(heap[w], heap[l])) w = l;
      if (r < heap.length && better(heap[w], heap[r])) w = r;
      if (w === i) return;
      [heap[i], heap[w]] = [heap[w], heap[i]];
      i = w;
    }
  };
  for (let j = 0; j < scores.length; j++) {
    if (aside(j)) picked.push(j);
    else if (heap.length < k) {
      heap.push(j);
      for (let i = heap.length - 1; i > 0; ) {
        const parent = (i - 1) >> 1;
        if (!better(heap[parent], heap[i])) break;
        [heap[i], heap[parent]] = [heap[parent], heap[i]];
        i = parent;
      }
    } else if (k > 0 && better(j, heap[0])) {
      heap[0] = j;
      down(0);
    }
  }
  return [...picked, ...heap].sort((a, b) => (better(a, b) ? -1 : 1));
}
