export type { Dialect } from './dialect.js';
export { dialects } from './dialect.js';
export { codecFor, type DialectCodec, type EncodeOptions } from './dialect-codec.js';
export { createSseEventReader } from './parse-sse-chunks.js';
export {
  createStreamTranslator,
  StreamTranslator,
  type TranslateOptions,
  translateRequest,
  translateResponse,
} from './translate.js';
