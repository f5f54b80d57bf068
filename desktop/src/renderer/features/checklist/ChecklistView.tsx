import {
  useEffect,
  useId,
  useRef,
  useState,
  type FormEvent,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import { useTranslation } from 'react-i18next';
import {
  closestCenter,
  DndContext,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
} from '@dnd-kit/core';
import {
  SortableContext,
  sortableKeyboardCoordinates,
  useSortable,
  verticalListSortingStrategy,
} from '@dnd-kit/sortable';
import { CSS as DndCss } from '@dnd-kit/utilities';
import type { ChecklistItem } from '@hamgaja/shared';
import { ChevronDownIcon, ChevronUpIcon, GripIcon, PencilIcon, PlusIcon, TrashIcon } from '../../app/icons';
import { checkItemText, checklistProgress } from './checklist-actions';
import { ko } from '../../i18n/ko';
import './checklist.css';

type SuggestionKey = keyof typeof ko.checklist.suggestions;
const suggestionKeys = Object.keys(ko.checklist.suggestions) as SuggestionKey[];

export type ChecklistViewProps = {
  items: readonly ChecklistItem[];
  canEdit: boolean;
  onAdd: (text: string) => Promise<void>;
  onSetDone: (item: ChecklistItem, done: boolean) => Promise<void>;
  onRename: (item: ChecklistItem, text: string) => Promise<void>;
  onDelete: (item: ChecklistItem) => Promise<void>;
  onMove: (item: ChecklistItem, toIndex: number) => Promise<void>;
  /** Shown under an item (the conflict notice). */
  renderNotice?: (item: ChecklistItem) => ReactNode;
};

type Control = 'up' | 'down' | 'handle';

function ItemRow({
  item,
  index,
  count,
  canEdit,
  props,
  onMoved,
  onFailed,
}: {
  item: ChecklistItem;
  index: number;
  count: number;
  canEdit: boolean;
  props: ChecklistViewProps;
  onMoved: (id: string, control: Control, fromIndex: number) => void;
  onFailed: () => void;
}) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(item.text);
  const [problem, setProblem] = useState<string | null>(null);
  // The tick shows at once; the local database answers a moment later (or the tick goes back on failure).
  const [ticking, setTicking] = useState<boolean | null>(null);
  const done = ticking ?? item.done;
  useEffect(() => setTicking(null), [item.done]);
  const editId = useId();
  const sortable = useSortable({ id: item.id, disabled: !canEdit });
  const style = { transform: DndCss.Transform.toString(sortable.transform), transition: sortable.transition };

  const run = (action: Promise<void>) => action.catch(onFailed);
  const move = (toIndex: number, control: Control) => {
    onMoved(item.id, control, index);
    void run(props.onMove(item, toIndex));
  };

  function save(event?: FormEvent) {
    event?.preventDefault();
    const issue = checkItemText(draft);
    if (issue) {
      setProblem(issue === 'required' ? t('checklist.textRequired') : t('checklist.textTooLong'));
      return;
    }
    setEditing(false);
    setProblem(null);
    if (draft.trim() !== item.text) void run(props.onRename(item, draft));
  }

  function onKeyDown(event: KeyboardEvent) {
    if (!canEdit || !event.altKey || editing) return;
    if (event.key === 'ArrowUp' && index > 0) {
      event.preventDefault();
      move(index - 1, 'up');
    } else if (event.key === 'ArrowDown' && index < count - 1) {
      event.preventDefault();
      move(index + 1, 'down');
    }
  }

  return (
    <li
      ref={sortable.setNodeRef}
      style={style}
      className="checklist-item"
      data-item-id={item.id}
      data-done={done}
      data-dragging={sortable.isDragging || undefined}
      onKeyDown={onKeyDown}
    >
      <div className="checklist-row">
        {canEdit ? (
          <button
            type="button"
            className="icon-button checklist-handle"
            data-control="handle"
            aria-label={t('checklist.dragHandle', { text: item.text })}
            {...sortable.attributes}
            {...sortable.listeners}
          >
            <GripIcon />
          </button>
        ) : null}
        {editing ? (
          <form className="checklist-edit" onSubmit={save}>
            <label htmlFor={editId} className="visually-hidden">
              {t('checklist.editLabel')}
            </label>
            <input
              id={editId}
              className="input"
              value={draft}
              autoFocus
              aria-invalid={problem ? true : undefined}
              onChange={(event) => setDraft(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'Escape') {
                  event.preventDefault();
                  setEditing(false);
                  setProblem(null);
                }
              }}
            />
            <button type="submit" className="button button-primary checklist-small">
              {t('checklist.save')}
            </button>
            <button
              type="button"
              className="button button-ghost checklist-small"
              onClick={() => {
                setEditing(false);
                setProblem(null);
              }}
            >
              {t('checklist.cancel')}
            </button>
          </form>
        ) : (
          <label className="checklist-check">
            <input
              type="checkbox"
              checked={done}
              disabled={!canEdit}
              onChange={(event) => {
                const next = event.target.checked;
                setTicking(next);
                void props.onSetDone(item, next).catch(() => {
                  setTicking(null);
                  onFailed();
                });
              }}
            />
            <span className="checklist-text">{item.text}</span>
          </label>
        )}
        {canEdit && !editing ? (
          <span className="checklist-tools">
            <button
              type="button"
              className="icon-button"
              data-control="up"
              aria-label={t('checklist.moveUp', { text: item.text })}
              disabled={index === 0}
              onClick={() => move(index - 1, 'up')}
            >
              <ChevronUpIcon />
            </button>
            <button
              type="button"
              className="icon-button"
              data-control="down"
              aria-label={t('checklist.moveDown', { text: item.text })}
              disabled={index === count - 1}
              onClick={() => move(index + 1, 'down')}
            >
              <ChevronDownIcon />
            </button>
            <button
              type="button"
              className="icon-button"
              aria-label={t('checklist.edit', { text: item.text })}
              onClick={() => {
                setDraft(item.text);
                setEditing(true);
              }}
            >
              <PencilIcon />
            </button>
            <button
              type="button"
              className="icon-button checklist-delete"
              aria-label={t('checklist.delete', { text: item.text })}
              onClick={() => void run(props.onDelete(item))}
            >
              <TrashIcon />
            </button>
          </span>
        ) : null}
      </div>
      {problem ? <p className="field-error checklist-problem">{problem}</p> : null}
      {props.renderNotice?.(item)}
    </li>
  );
}

/** The checklist as the user sees it; every change goes through the callbacks. */
export function ChecklistView(props: ChecklistViewProps) {
  const { items, canEdit } = props;
  const { t } = useTranslation();
  const inputId = useId();
  const titleId = useId();
  const list = useRef<HTMLUListElement>(null);
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const [focusAfterMove, setFocusAfterMove] = useState<{
    id: string;
    control: Control;
    fromIndex: number;
  } | null>(null);
  const { done, total } = checklistProgress(items);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

  // Moving re-renders the list from the database: put focus back on the control that moved it.
  useEffect(() => {
    if (!focusAfterMove) return;
    const index = items.findIndex((item) => item.id === focusAfterMove.id);
    if (index === focusAfterMove.fromIndex) return;
    setFocusAfterMove(null);
    if (index < 0) return;
    const row = list.current?.querySelector(`[data-item-id="${focusAfterMove.id}"]`);
    const control = row?.querySelector<HTMLButtonElement>(`[data-control="${focusAfterMove.control}"]`);
    if (control && !control.disabled) control.focus();
    else row?.querySelector<HTMLButtonElement>('[data-control="handle"]')?.focus();
  }, [items, focusAfterMove]);

  const onFailed = () => setFailed(true);
  const textOf = (id: unknown) => items.find((item) => item.id === id)?.text ?? '';
  const positionOf = (id: unknown) => items.findIndex((item) => item.id === id) + 1;
  const announcements: Announcements = {
    onDragStart: ({ active }) =>
      t('checklist.drag.picked', { text: textOf(active.id), position: positionOf(active.id), total }),
    onDragOver: ({ active, over }) =>
      over
        ? t('checklist.drag.over', { text: textOf(active.id), position: positionOf(over.id), total })
        : undefined,
    onDragEnd: ({ active, over }) =>
      over
        ? t('checklist.drag.dropped', { text: textOf(active.id), position: positionOf(over.id), total })
        : undefined,
    onDragCancel: () => t('checklist.drag.cancelled'),
  };

  function onDragEnd(event: DragEndEvent) {
    const { active, over } = event;
    if (!over || active.id === over.id) return;
    const item = items.find((candidate) => candidate.id === active.id);
    const toIndex = items.findIndex((candidate) => candidate.id === over.id);
    if (!item || toIndex < 0) return;
    setFocusAfterMove({ id: item.id, control: 'handle', fromIndex: items.indexOf(item) });
    void props.onMove(item, toIndex).catch(onFailed);
  }

  async function add(value: string) {
    const issue = checkItemText(value);
    if (issue) {
      setProblem(issue === 'required' ? t('checklist.textRequired') : t('checklist.textTooLong'));
      return;
    }
    setProblem(null);
    setFailed(false);
    try {
      await props.onAdd(value);
      setText('');
    } catch {
      setFailed(true);
    }
  }

  return (
    <section className="card checklist-panel" aria-labelledby={titleId}>
      <header className="checklist-header">
        <div>
          <h2 id={titleId}>{t('checklist.title')}</h2>
          <p className="muted">{t('checklist.subtitle')}</p>
        </div>
        {total > 0 ? (
          <div className="checklist-progress">
            <span className="checklist-count" data-done={done} data-total={total}>
              {done === total ? t('checklist.allDone') : t('checklist.progress', { done, total })}
            </span>
            <progress max={total} value={done} aria-label={t('checklist.progressLabel', { done, total })} />
          </div>
        ) : null}
      </header>

      {canEdit ? (
        <form
          className="checklist-add"
          onSubmit={(event) => {
            event.preventDefault();
            void add(text);
          }}
          noValidate
        >
          <label htmlFor={inputId} className="visually-hidden">
            {t('checklist.addLabel')}
          </label>
          <input
            id={inputId}
            className="input"
            value={text}
            placeholder={t('checklist.addPlaceholder')}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? `${inputId}-error` : undefined}
            onChange={(event) => {
              setText(event.target.value);
              if (problem) setProblem(null);
            }}
          />
          <button type="submit" className="button button-primary">
            <PlusIcon />
            {t('checklist.add')}
          </button>
        </form>
      ) : null}
      {problem ? (
        <p id={`${inputId}-error`} className="field-error checklist-problem">
          {problem}
        </p>
      ) : null}
      {failed ? (
        <p className="field-error checklist-problem" role="alert">
          {t('checklist.saveFailed')}
        </p>
      ) : null}

      {items.length === 0 ? (
        <div className="checklist-empty">
          <p>{canEdit ? t('checklist.empty') : t('checklist.emptyReadOnly')}</p>
          {canEdit ? (
            <div className="checklist-suggestions" role="group" aria-label={t('checklist.suggestionsTitle')}>
              <span className="muted">{t('checklist.suggestionsTitle')}</span>
              {suggestionKeys.map((key) => (
                <button
                  key={key}
                  type="button"
                  className="checklist-chip"
                  onClick={() => void add(t(`checklist.suggestions.${key}`))}
                >
                  <PlusIcon />
                  {t(`checklist.suggestions.${key}`)}
                </button>
              ))}
            </div>
          ) : null}
        </div>
      ) : (
        <DndContext
          sensors={sensors}
          collisionDetection={closestCenter}
          onDragEnd={onDragEnd}
          accessibility={{
            announcements,
            screenReaderInstructions: { draggable: t('checklist.drag.instructions') },
          }}
        >
          <SortableContext items={items.map((item) => item.id)} strategy={verticalListSortingStrategy}>
            <ul ref={list} className="checklist-list" aria-label={t('checklist.title')}>
              {items.map((item, index) => (
                <ItemRow
                  key={item.id}
                  item={item}
                  index={index}
                  count={items.length}
                  canEdit={canEdit}
                  props={props}
                  onMoved={(id, control, fromIndex) => setFocusAfterMove({ id, control, fromIndex })}
                  onFailed={onFailed}
                />
              ))}
            </ul>
          </SortableContext>
        </DndContext>
      )}
      {canEdit && items.length > 1 ? <p className="checklist-hint">{t('checklist.reorderHint')}</p> : null}
    </section>
  );
}
