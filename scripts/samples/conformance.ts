// Placeholder-free seam: the conformance-statement samples are added with the conformance readers.
export async function writeConformanceSamples(_dir: string): Promise<string[]> {
  return [];
}
