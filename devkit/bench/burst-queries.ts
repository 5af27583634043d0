/** What `--burst` sends: a mix of what support engineers type; the sandbox seeds matches for each name. */
export const MIXED_QUERIES = [
  '',
  'outgoing',
  'incoming',
  'acme',
  'out acme',
  'in name:globex',
  'type:1 page:2',
  'hooli',
  'umbrella',
];

/** What `--burst --same-query` sends every time. */
export const SAME_QUERY = 'outgoing acme';
