/**
 * The bare baseline of `bench:intake`, bundled by its own worker (never part of the hotline's workflows): a
 * workflow that does nothing, so start → completed is Temporal's own round trip and nothing else.
 */
export async function benchNoop(n: number): Promise<number> {
  return n;
}
