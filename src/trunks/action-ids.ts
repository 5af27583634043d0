/** Slack `action_id`s, shared by the renderer that draws the buttons and the listeners that handle them. */
export const ACTION = {
  prev: 'trunks_prev',
  next: 'trunks_next',
  share: 'trunks_share',
} as const;
