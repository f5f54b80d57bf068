// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import { initialOrderKeys, type ChecklistItem } from '@hamgaja/shared';
import { useLanguage } from '../../app/test-utils';
import { ChecklistView, type ChecklistViewProps } from './ChecklistView';

beforeAll(async () => {
  await useLanguage('en');
});

const keys = initialOrderKeys(3);
const items: ChecklistItem[] = [
  { id: 'a', tripId: 't', text: 'Passport', done: true, orderKey: keys[0] ?? 'a0' },
  { id: 'b', tripId: 't', text: 'Charger', done: false, orderKey: keys[1] ?? 'a1' },
  { id: 'c', tripId: 't', text: 'Umbrella', done: false, orderKey: keys[2] ?? 'a2' },
];

/** Renders the view with callbacks that record what they were asked to do. */
function show(props: Partial<ChecklistViewProps> = {}) {
  const calls: unknown[][] = [];
  const record =
    (name: string) =>
    async (...args: unknown[]) => {
      calls.push([
        name,
        ...args.map((arg) =>
          typeof arg === 'object' && arg && 'id' in arg ? (arg as ChecklistItem).id : arg,
        ),
      ]);
    };
  render(
    <ChecklistView
      items={items}
      canEdit
      onAdd={record('add')}
      onSetDone={record('done')}
      onRename={record('rename')}
      onDelete={record('delete')}
      onMove={record('move')}
      {...props}
    />,
  );
  return { calls, user: userEvent.setup({ delay: null }) };
}

describe('ChecklistView', () => {
  it('shows the items in order with the progress', () => {
    show();
    const list = screen.getByRole('list', { name: 'Packing & to-dos' });
    expect(
      within(list)
        .getAllByRole('checkbox')
        .map((box) => (box as HTMLInputElement).checked),
    ).toEqual([true, false, false]);
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual([
      expect.stringContaining('Passport'),
      expect.stringContaining('Charger'),
      expect.stringContaining('Umbrella'),
    ]);
    expect(screen.getByText('1/3 packed')).toBeTruthy();
  });

  it('adds a trimmed item and refuses an empty one', async () => {
    const { calls, user } = show();
    await user.click(screen.getByRole('button', { name: 'Add' }));
    expect(screen.getByText('Enter some text.')).toBeTruthy();
    expect(calls).toEqual([]);
    await user.type(screen.getByRole('textbox', { name: 'New item' }), 'Sunscreen{Enter}');
    expect(calls).toEqual([['add', 'Sunscreen']]);
    expect(screen.getByRole<HTMLInputElement>('textbox', { name: 'New item' }).value).toBe('');
  });

  it('ticks, renames, deletes and moves items', async () => {
    const { calls, user } = show();
    await user.click(screen.getByRole('checkbox', { name: 'Charger' }));
    await user.click(screen.getByRole('button', { name: 'Edit “Umbrella”' }));
    const field = screen.getByRole('textbox', { name: 'Item text' });
    await user.clear(field);
    await user.type(field, 'Small umbrella{Enter}');
    await user.click(screen.getByRole('button', { name: 'Delete “Passport”' }));
    await user.click(screen.getByRole('button', { name: 'Move “Charger” up' }));
    expect(calls).toEqual([
      ['done', 'b', true],
      ['rename', 'c', 'Small umbrella'],
      ['delete', 'a'],
      ['move', 'b', 0],
    ]);
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Move “Passport” up' }).disabled).toBe(true);
  });

  it('moves an item with Alt+arrow keys', async () => {
    const { calls, user } = show();
    screen.getByRole('button', { name: 'Move “Passport” down' }).focus();
    await user.keyboard('{Alt>}{ArrowDown}{/Alt}');
    expect(calls).toEqual([['move', 'a', 1]]);
  });

  it('is read-only for viewers', () => {
    show({ canEdit: false });
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(screen.queryByRole('button')).toBeNull();
    for (const box of screen.getAllByRole('checkbox')) expect((box as HTMLInputElement).disabled).toBe(true);
  });

  it('offers suggestions on an empty list, and only to editors', async () => {
    const { calls, user } = show({ items: [] });
    await user.click(screen.getByRole('button', { name: 'Passport' }));
    expect(calls).toEqual([['add', 'Passport']]);
  });
});
