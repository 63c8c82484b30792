/**
 * numpy's pairwise summation (`np.sum` of a contiguous float64 array, numpy/core/src/umath/loops_utils.h.src
 * pairwise_sum): below 8 elements a plain loop; up to 128, eight running sums combined as a tree; above, the two
 * halves (the first a multiple of 8 long) summed recursively. min-char-rnn's Σ exp(y) rounds exactly as numpy's.
 */

/** Σ a[start .. start + n) as numpy sums a contiguous float64 array. */
export function pairwiseSum(a: Float64Array, start: number, n: number): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res += a[start + i];
    return res;
  }
  if (n <= 128) {
    const r = Array.from(a.subarray(start, start + 8));
    let i = 8;
    for (; i < n - (n % 8); i += 8) for (let j = 0; j < 8; j++) r[j] += a[start + i + j];
    let res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
    for (; i < n; i++) res += a[start + i];
    return res;
  }
  const n2 = Math.floor(n / 2) - (Math.floor(n / 2) % 8);
  return pairwiseSum(a, start, n2) + pairwiseSum(a, start + n2, n - n2);
}
