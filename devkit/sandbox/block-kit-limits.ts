/** Slack's documented Block Kit limits, checked the way Slack rejects a message (`invalid_blocks`). */

type Json = Record<string, unknown>;

const LIMITS = {
  blocks: 50,
  sectionText: 3_000,
  fields: 10,
  fieldText: 2_000,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2_000,
  id: 255,
};

const textOf = (v: unknown): string =>
  typeof v === 'object' && v !== null && typeof (v as Json).text === 'string' ? ((v as Json).text as string) : '';

/** The first limit a list of blocks breaks, or undefined when Slack would accept it (modals take 100 blocks). */
export function blockKitProblem(blocks: unknown, maxBlocks = LIMITS.blocks): string | undefined {
  if (!Array.isArray(blocks)) return 'blocks is not an array';
  if (blocks.length > maxBlocks) return `${blocks.length} blocks (max ${maxBlocks})`;
  const blockIds = new Set<string>();
  for (const [i, raw] of blocks.entries()) {
    const block = raw as Json;
    const at = `block ${i} (${String(block.type)})`;
    if (typeof block.block_id === 'string') {
      if (block.block_id.length > LIMITS.id || blockIds.has(block.block_id))
        return `${at}: block_id too long or repeated`;
      blockIds.add(block.block_id);
    }
    if (block.type === 'header' && textOf(block.text).length > LIMITS.headerText)
      return `${at}: header text over ${LIMITS.headerText}`;
    if (block.type === 'section') {
      if (textOf(block.text).length > LIMITS.sectionText) return `${at}: text over ${LIMITS.sectionText}`;
      const fields = Array.isArray(block.fields) ? block.fields : [];
      if (fields.length > LIMITS.fields) return `${at}: over ${LIMITS.fields} fields`;
      if (fields.some((f) => textOf(f).length > LIMITS.fieldText)) return `${at}: field over ${LIMITS.fieldText}`;
    }
    const elements = Array.isArray(block.elements) ? (block.elements as Json[]) : [];
    if (block.type === 'context' && elements.length > LIMITS.contextElements)
      return `${at}: over ${LIMITS.contextElements} elements`;
    if (block.type === 'actions') {
      if (elements.length > LIMITS.actionsElements) return `${at}: over ${LIMITS.actionsElements} elements`;
      // Slack wants an action_id unique within its block; two blocks may reuse one (a button per row).
      const actionIds = new Set<string>();
      for (const el of elements) {
        if (textOf(el.text).length > LIMITS.buttonText) return `${at}: button text over ${LIMITS.buttonText}`;
        if (typeof el.value === 'string' && el.value.length > LIMITS.buttonValue)
          return `${at}: button value over ${LIMITS.buttonValue}`;
        if (typeof el.action_id === 'string') {
          if (el.action_id.length > LIMITS.id || actionIds.has(el.action_id))
            return `${at}: action_id too long or repeated`;
          actionIds.add(el.action_id);
        }
      }
    }
  }
  return undefined;
}
