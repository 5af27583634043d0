export { teardown as default } from './support/redis-server.js';
