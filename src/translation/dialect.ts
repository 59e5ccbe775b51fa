export { type Dialect, dialects } from '../dialects/dialect.js';
