export { setup as default } from './redis-server.js';
