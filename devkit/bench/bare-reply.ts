/** The fixed message the bare Bolt app responds with after its one ITNIO call succeeded. */
export const BARE_REPLY_TEXT = 'bare Bolt: one ITNIO call done';
