import { decodeWindows1252 } from './windows-1252';

export type DecodeResult = { ok: true; text: string } | { ok: false; reason: string };

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const UTF16LE_BOM = [0xff, 0xfe];
const UTF16BE_BOM = [0xfe, 0xff];
/** Above this share of control characters the bytes are not text in any encoding we read. */
const MAX_CONTROL_SHARE = 0.02;

/**
 * Bytes of a capture → its text: UTF-8 (with or without byte-order mark), UTF-16 with a
 * byte-order mark, else Windows-1252 (a superset of Latin-1's printable range), without its
 * byte-order mark. Empty and binary files are refused. Line endings and space characters are
 * left to the parser, which tidies them line by line (parse/text).
 */
export function decodeCapture(bytes: Uint8Array): DecodeResult {
  if (bytes.length === 0) return { ok: false, reason: 'empty file (0 bytes)' };
  const decoded = decodeBytes(bytes);
  if (!decoded.ok) return decoded;
  const binary = describeBinary(decoded.text);
  if (binary !== null) return { ok: false, reason: binary };
  const text = decoded.text.charCodeAt(0) === 0xfeff ? decoded.text.slice(1) : decoded.text;
  if (text.trim() === '') return { ok: false, reason: `no text: the file's ${bytes.length} bytes are only blank space` };
  return { ok: true, text };
}

function decodeBytes(bytes: Uint8Array): DecodeResult {
  if (startsWith(bytes, UTF8_BOM)) return { ok: true, text: utf8OrWindows1252(bytes.subarray(UTF8_BOM.length)) };
  if (startsWith(bytes, UTF16LE_BOM)) return utf16(bytes.subarray(2), 'le');
  if (startsWith(bytes, UTF16BE_BOM)) return utf16(bytes.subarray(2), 'be');
  if (looksLikeBomlessUtf16Le(bytes)) return utf16(bytes, 'le');
  return { ok: true, text: utf8OrWindows1252(bytes) };
}

function utf8OrWindows1252(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    // Not valid UTF-8: an older single-byte capture, where 0x93/0x94 are curly quotes.
    return decodeWindows1252(bytes);
  }
}

function utf16(bytes: Uint8Array, order: 'le' | 'be'): DecodeResult {
  if (bytes.length % 2 !== 0) return { ok: false, reason: 'not text: UTF-16 byte-order mark but an odd number of bytes' };
  // Swapping to little-endian avoids relying on a `utf-16be` decoder being built in.
  const littleEndian = order === 'le' ? bytes : swapPairs(bytes);
  try {
    return { ok: true, text: new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true }).decode(littleEndian) };
  } catch {
    return { ok: false, reason: `not text: invalid UTF-16 (${order === 'le' ? 'little' : 'big'}-endian) despite its byte-order mark` };
  }
}

function swapPairs(bytes: Uint8Array): Uint8Array {
  const swapped = new Uint8Array(bytes.length);
  for (let index = 0; index + 1 < bytes.length; index += 2) {
    swapped[index] = bytes[index + 1];
    swapped[index + 1] = bytes[index];
  }
  return swapped;
}

/** ASCII text saved as UTF-16 without a mark: every odd byte zero, no even byte zero. */
function looksLikeBomlessUtf16Le(bytes: Uint8Array): boolean {
  if (bytes.length < 4 || bytes.length % 2 !== 0) return false;
  const sample = bytes.subarray(0, Math.min(bytes.length, 4096));
  for (let index = 0; index + 1 < sample.length; index += 2) {
    if (sample[index] === 0 || sample[index + 1] !== 0) return false;
  }
  return true;
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}

/** Null for text; otherwise why the content is taken for binary data. Counted in one pass (two regular expressions' scans were a tenth of parsing). */
function describeBinary(text: string): string | null {
  let nulls = 0;
  let controls = 0;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code >= 0x20 && code !== 0x7f) continue;
    if (code === 0) nulls += 1;
    else if ((code >= 0x01 && code <= 0x08) || code >= 0x0e) controls += 1;
  }
  if (nulls > 0) return `binary data, not text (${nulls} NUL bytes)`;
  if (controls > Math.max(2, text.length * MAX_CONTROL_SHARE)) {
    return `binary data, not text (${controls} control characters in ${text.length})`;
  }
  return null;
}
