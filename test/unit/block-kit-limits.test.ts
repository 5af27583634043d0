import { blockKitProblem } from '../../devkit/sandbox/block-kit-limits.js';

const button = (actionId: string) => ({
  type: 'button',
  action_id: actionId,
  text: { type: 'plain_text', text: 'Go' },
  value: 'v',
});

describe('the stand-in’s Block Kit limits', () => {
  test('an action_id may repeat across blocks (a button per row), as Slack allows', () => {
    const rows = [1, 2].map(() => ({ type: 'actions', elements: [button('open'), button('share')] }));
    expect(blockKitProblem(rows)).toBeUndefined();
  });

  test('an action_id repeated within one block, or a repeated block_id, is refused', () => {
    expect(blockKitProblem([{ type: 'actions', elements: [button('open'), button('open')] }])).toMatch(
      /action_id too long or repeated/,
    );
    const twice = [1, 2].map(() => ({ type: 'actions', block_id: 'row', elements: [button('open')] }));
    expect(blockKitProblem(twice)).toMatch(/block_id too long or repeated/);
  });
});
