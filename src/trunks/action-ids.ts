/** Slack `action_id`s, shared by the renderer that draws the buttons and the listeners that handle them. */
export const ACTION = {
  prev: 'trunks_prev',
  next: 'trunks_next',
  refresh: 'trunks_refresh',
  share: 'trunks_share',
} as const;
