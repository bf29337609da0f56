import type { RankingField } from '@concord/core/config';
import {
  DndContext,
  KeyboardSensor,
  PointerSensor,
  closestCenter,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import type { Announcements, DragEndEvent, UniqueIdentifier } from '@dnd-kit/core';
import {
  SortableContext,
  sortableKeyboardCoordinates,
  useSortable,
  verticalListSortingStrategy,
} from '@dnd-kit/sortable';
import type { LlmFocus, LlmKeyResult } from '../../lib/llm-answer';
import { responseLabel, textPreview } from '../../lib/llm-item';
import {
  activateRankingRow,
  dropResponse,
  flatOrder,
  orderOf,
  rankingRows,
  ranksOf,
  selectResponse,
  setRankingJustification,
  tiedWithAbove,
} from '../../lib/llm-ranking-answer';
import type { RankingAnswer as Answer, RankingOrder } from '../../lib/llm-ranking-answer';
import { Kbd } from '../Kbd';
import { ComparisonRows } from './AnswerRow';

const itemId = (response: number) => `response-${response}`;
const responseOf = (id: UniqueIdentifier) => Number(String(id).replace('response-', ''));

/** Space picks a response up and drops it; Enter stays the workspace's submit. */
const KEYBOARD_CODES = { start: ['Space'], cancel: ['Escape'], end: ['Space'] };

function SortableResponse({
  response,
  count,
  rank,
  tied,
  selected,
  preview,
  disabled,
  onSelect,
}: {
  readonly response: number;
  readonly count: number;
  /** Its rank, or null while the row is not ranked yet. */
  readonly rank: number | null;
  readonly tied: boolean;
  readonly selected: boolean;
  readonly preview: string;
  readonly disabled: boolean;
  readonly onSelect: () => void;
}) {
  const label = responseLabel(response, count);
  const sortable = useSortable({ id: itemId(response), disabled });
  const { transform, transition, isDragging } = sortable;
  const className = [
    'ranking__item',
    selected ? 'ranking__item--selected' : '',
    isDragging ? 'ranking__item--dragging' : '',
  ].join(' ');
  return (
    <li
      ref={sortable.setNodeRef}
      className={className}
      style={{
        transform:
          transform === null ? undefined : `translate3d(${transform.x}px, ${transform.y}px, 0)`,
        transition: transition ?? undefined,
      }}
    >
      <span className="ranking__rank" aria-label={rank === null ? 'not ranked' : `rank ${rank}`}>
        {rank === null ? '–' : rank}
        {tied && <span className="ranking__tie"> tied</span>}
      </span>
      <button
        type="button"
        ref={sortable.setActivatorNodeRef}
        className="ranking__handle"
        data-dnd-handle=""
        aria-label={`Move response ${label}`}
        disabled={disabled}
        {...sortable.attributes}
        {...sortable.listeners}
      >
        <span aria-hidden="true">⠿</span>
      </button>
      <button
        type="button"
        className="ranking__select"
        aria-pressed={selected}
        disabled={disabled}
        onClick={onSelect}
      >
        {response < 9 && <Kbd keys={[String(response + 1)]} />}
        <span className="ranking__name">Response {label}</span>
        <span className="ranking__preview">{preview}</span>
      </button>
    </li>
  );
}

/** The active row's list: select, move and tie from the keys, or drag (pointer or Space). */
function RankingList({
  field,
  answer,
  index,
  order,
  responses,
  disabled,
  onChange,
}: {
  readonly field: RankingField;
  readonly answer: Answer;
  readonly index: number;
  readonly order: RankingOrder;
  readonly responses: readonly string[];
  readonly disabled: boolean;
  readonly onChange: (answer: Answer, focus: LlmFocus | null) => void;
}) {
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, {
      coordinateGetter: sortableKeyboardCoordinates,
      keyboardCodes: KEYBOARD_CODES,
    }),
  );
  const flat = flatOrder(order);
  const ids = flat.map(itemId);
  const ranks = ranksOf(order);
  const name = (id: UniqueIdentifier) => `Response ${responseLabel(responseOf(id), answer.count)}`;
  const place = (id: UniqueIdentifier | undefined) =>
    id === undefined ? '' : ` at place ${ids.indexOf(String(id)) + 1} of ${ids.length}`;
  const announcements: Announcements = {
    onDragStart: ({ active }) =>
      `Picked up ${name(active.id)}. ↑ and ↓ move it, Space drops it, Escape cancels.`,
    onDragOver: ({ active, over }) => `${name(active.id)} is${place(over?.id)}.`,
    onDragEnd: ({ active, over }) => `${name(active.id)} dropped${place(over?.id)}.`,
    onDragCancel: ({ active }) => `Moving ${name(active.id)} was cancelled.`,
  };
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (over === null) return;
    const position = ids.indexOf(String(over.id));
    if (position === -1) return;
    onChange(dropResponse(field, answer, index, responseOf(active.id), position), null);
  };
  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCenter}
      onDragEnd={onDragEnd}
      accessibility={{
        announcements,
        screenReaderInstructions: {
          draggable:
            'To move a response, press Space on its handle, then ↑ or ↓, and Space to drop it; Escape cancels.',
        },
      }}
    >
      <SortableContext items={ids} strategy={verticalListSortingStrategy}>
        <ol className="ranking" aria-label="Responses, best first">
          {flat.map((response) => (
            <SortableResponse
              key={response}
              response={response}
              count={answer.count}
              rank={order.ranked ? (ranks[response] ?? null) : null}
              tied={tiedWithAbove(order, response)}
              selected={answer.selected === response}
              preview={textPreview(responses[response] ?? '')}
              disabled={disabled}
              onSelect={() =>
                onChange({ ...selectResponse(answer, response), active: index }, null)
              }
            />
          ))}
        </ol>
      </SortableContext>
    </DndContext>
  );
}

/** An inactive row: its ranking on one line, "3 > 1 = 4 > 2", or that it is not ranked yet. */
function RankingSummary({
  order,
  count,
}: {
  readonly order: RankingOrder;
  readonly count: number;
}) {
  if (!order.ranked)
    return <p className="ranking-summary ranking-summary--empty">Not ranked yet</p>;
  return (
    <p className="ranking-summary">
      {order.tiers.map((tier, t) => (
        <span key={tier.join('-')} className="ranking-summary__tier">
          {t > 0 && <span className="ranking-summary__better"> &gt; </span>}
          {tier.map((response, i) => (
            <span key={response}>
              {i > 0 && <span className="ranking-summary__tie"> = </span>}
              <span className="ranking-summary__response">{responseLabel(response, count)}</span>
            </span>
          ))}
        </span>
      ))}
    </p>
  );
}

/**
 * The answer to a ranking field: the responses ordered best first per dimension and overall,
 * ties where the field allows them, and the justification. Controlled like PairwiseAnswer.
 */
export function RankingAnswer({
  field,
  answer,
  responses,
  problems,
  disabled,
  focused = true,
  onChange,
}: {
  readonly field: RankingField;
  readonly answer: Answer;
  /** The item's responses, for a glimpse of each in the list. */
  readonly responses: readonly string[];
  readonly problems: Readonly<Record<string, string>>;
  readonly disabled: boolean;
  readonly focused?: boolean;
  readonly onChange: (answer: Answer, focus: LlmFocus | null) => void;
}) {
  const apply = (result: LlmKeyResult<Answer>) => onChange(result.state, result.focus);
  return (
    <ComparisonRows
      field={field}
      rows={rankingRows(field)}
      active={focused ? answer.active : null}
      justification={answer.justification}
      problems={problems}
      disabled={disabled}
      onActivate={(index) => apply(activateRankingRow(field, answer, index))}
      onText={(text) => onChange(setRankingJustification(answer, text), null)}
      controls={(row, index) => {
        const order = orderOf(answer, row);
        if (order === null) return null;
        return index === answer.active ? (
          <RankingList
            field={field}
            answer={answer}
            index={index}
            order={order}
            responses={responses}
            disabled={disabled}
            onChange={onChange}
          />
        ) : (
          <RankingSummary order={order} count={answer.count} />
        );
      }}
    >
      <Kbd keys={['1']} />…<Kbd keys={[String(Math.min(9, answer.count))]} /> select a response ·{' '}
      <Kbd keys={['↑', '↓']} /> move it (or <Kbd keys={['Alt', '↑']} />)
      {field.allowTies && (
        <>
          {' '}
          · <Kbd keys={['=']} /> tie it with the one above
        </>
      )}{' '}
      · <Kbd keys={['c']} /> keep this order · <Kbd keys={['Esc']} /> let go · <Kbd keys={['⌫']} />{' '}
      start the row over
    </ComparisonRows>
  );
}
