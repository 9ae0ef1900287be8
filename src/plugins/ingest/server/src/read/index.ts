export { decodeCapture, type DecodeResult } from './decode';
export { DEFAULT_MAX_FILE_BYTES } from './limits';
export { captureFailed, parseCaptureBytes } from './parse-capture-bytes';
export { parseFile } from './parse-file';
export { formatSize, readCaptureBytes, tooLarge, type ReadBytesResult, type ReadCaptureOptions } from './read-capture';
