// Placeholder until the zip reader lands.
export type ZipKind = 'xlsx' | 'docx' | 'odt' | 'ods' | 'unknown';
export function zipKind(_bytes: Uint8Array): ZipKind {
  return 'unknown';
}
