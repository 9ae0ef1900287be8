export { decodeCapture, type DecodeResult } from './decode';
export { DEFAULT_MAX_FILE_BYTES } from './limits';
export { parseFile } from './parse-file';
export { formatSize, readCapture, readCaptureBytes, readOpen, tooLarge, type ReadBytesResult, type ReadResult } from './read-capture';
export { listCaptures } from './list-captures';
