export { setup as default } from './support/redis-server.js';
