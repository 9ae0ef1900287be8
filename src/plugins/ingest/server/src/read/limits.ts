export { DEFAULT_MAX_FILE_BYTES } from '../constants';
