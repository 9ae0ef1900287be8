// Windows-1252 differs from Latin-1 only in 0x80–0x9F. Node's own `windows-1252` decoder
// (v20) decodes that range as Latin-1 control characters, losing curly quotes and dashes,
// so the range is mapped here. The five bytes the code page leaves undefined stay as they are.
const HIGH_CONTROL_RANGE: Record<number, string> = {
  0x80: '€', 0x82: '‚', 0x83: 'ƒ', 0x84: '„', 0x85: '…', 0x86: '†', 0x87: '‡', 0x88: 'ˆ',
  0x89: '‰', 0x8a: 'Š', 0x8b: '‹', 0x8c: 'Œ', 0x8e: 'Ž', 0x91: '‘', 0x92: '’', 0x93: '“',
  0x94: '”', 0x95: '•', 0x96: '–', 0x97: '—', 0x98: '˜', 0x99: '™', 0x9a: 'š', 0x9b: '›',
  0x9c: 'œ', 0x9e: 'ž', 0x9f: 'Ÿ',
};

/** Decodes single-byte Windows-1252 (and so Latin-1 text, which it contains). */
export function decodeWindows1252(bytes: Uint8Array): string {
  // Whatever this Node's decoder does with 0x80–0x9F, the table settles it.
  return new TextDecoder('windows-1252')
    .decode(bytes)
    .replace(/[\u0080-\u009f]/g, (char) => HIGH_CONTROL_RANGE[char.charCodeAt(0)] ?? char);
}
