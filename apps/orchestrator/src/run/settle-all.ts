/**
 * Like Promise.all, but waits for every promise before throwing the first error: a stopped run ends only
 * once no candidate is still writing.
 */
export async function settleAll<VALUE>(promises: readonly Promise<VALUE>[]): Promise<VALUE[]> {
  const settled = await Promise.allSettled(promises);
  const failed = settled.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((result) => (result as PromiseFulfilledResult<VALUE>).value);
}
