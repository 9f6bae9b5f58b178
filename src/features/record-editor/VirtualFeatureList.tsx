/**
 * The record form's feature fields, rendered by what is on screen once a group is large,
 * so the cost of opening and typing does not grow with the schema (issue 10 §4).
 *
 * Every feature stays reachable although most are not in the DOM:
 * - Keyboard: the focused feature and its two neighbours are always rendered (besides the
 *   window and overscan), so Tab and Shift+Tab walk field by field through all of them;
 *   the first and last features are always rendered, so Tab from above the form enters at
 *   the first feature, wherever the page is scrolled.
 * - Values: react-hook-form keeps unmounted fields' values (shouldUnregister is false), and
 *   validation runs on the values, not on the DOM.
 * - The feature filter: the list shows the indexes it is given.
 * - The error summary and "Jump to feature": focusFormField() scrolls the field's row into
 *   view, waits until it is rendered, then focuses it. After a failed submit whose first
 *   error is not rendered, the list does the same (what shouldFocusError does for the rest).
 * - Screen readers: each rendered field keeps its <label> (the feature's name); the list
 *   says how many features it holds and how to reach one by name.
 */
import { Fragment, useCallback, useEffect, useId, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { defaultRangeExtractor, useWindowVirtualizer, type Range } from '@tanstack/react-virtual';
import { useFormState } from 'react-hook-form';
import type { FeatureGroupSchema, FeatureSpec } from '../../domain/schema';
import type { FormHandles } from './formTypes';

/** Below this many features every field is rendered, as before. */
export const VIRTUALIZE_FROM = 60;
/** Rows rendered beyond the window on each side. */
const OVERSCAN = 6;
/** How long focusFormField waits for a field to appear, in frames (bounded, never a fixed sleep). */
const FOCUS_WAIT_FRAMES = 180;

type Reveal = (featureIndex: number) => void;
let activeReveal: Reveal | null = null;

/** Parses "feature-12", "feature-12-add", "feature-12-item-3" into 12. */
function featureIndexOf(targetId: string): number | undefined {
  const match = /^feature-(\d{1,6})(?:-|$)/.exec(targetId);
  return match ? Number(match[1]) : undefined;
}

function focusWhenPresent(targetId: string, frames = FOCUS_WAIT_FRAMES): void {
  const element = document.getElementById(targetId);
  if (element) {
    element.focus();
    element.scrollIntoView({ block: 'nearest' });
    return;
  }
  if (frames > 0) requestAnimationFrame(() => focusWhenPresent(targetId, frames - 1));
}

/**
 * Focuses a form field by id, whether or not its row is rendered right now: the error
 * summary and the jump box use it. Fields outside the feature list (TTL, stores) are
 * focused directly.
 */
export function focusFormField(targetId: string): void {
  const index = featureIndexOf(targetId);
  if (index !== undefined && activeReveal && !document.getElementById(targetId)) activeReveal(index);
  requestAnimationFrame(() => focusWhenPresent(targetId));
}

export interface VirtualFeatureListProps {
  schema: FeatureGroupSchema;
  form: FormHandles;
  /** Whether a feature passes the feature filter. */
  isVisible: (spec: FeatureSpec, index: number) => boolean;
  renderFeature: (spec: FeatureSpec, index: number) => ReactNode;
}

export function VirtualFeatureList(props: VirtualFeatureListProps) {
  const { schema, isVisible } = props;
  // Recomputed on every render of the editor (2,500 checks take microseconds); the filter's text lives there.
  const indexes: number[] = [];
  schema.features.forEach((spec, index) => {
    if (isVisible(spec, index)) indexes.push(index);
  });
  if (schema.features.length < VIRTUALIZE_FROM) {
    return (
      <>
        {indexes.map((index) => (
          <Fragment key={schema.features[index]?.name}>{props.renderFeature(schema.features[index] as FeatureSpec, index)}</Fragment>
        ))}
      </>
    );
  }
  return <VirtualRows {...props} indexes={indexes} />;
}

function estimateRowHeight(spec: FeatureSpec | undefined): number {
  if (!spec) return 96;
  if (spec.collection) return 150;
  return spec.role === 'feature' ? 96 : 120;
}

function VirtualRows({ schema, form, renderFeature, indexes }: VirtualFeatureListProps & { indexes: number[] }) {
  const listRef = useRef<HTMLDivElement>(null);
  const noteId = useId();
  const [scrollMargin, setScrollMargin] = useState(0);
  /** Position (in `indexes`) of the row holding focus; kept rendered so focus is never lost. */
  const [focusedRow, setFocusedRow] = useState<number | null>(null);

  // The list's distance from the top of the document moves when panels above it appear.
  useLayoutEffect(() => {
    const measure = () => {
      const list = listRef.current;
      if (!list) return;
      const top = Math.round(list.getBoundingClientRect().top + window.scrollY);
      setScrollMargin((previous) => (previous === top ? previous : top));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(document.body);
    return () => observer.disconnect();
  }, []);

  const count = indexes.length;
  const rangeExtractor = useCallback(
    (range: Range) => {
      const rows = new Set(defaultRangeExtractor(range));
      if (count > 0) {
        rows.add(0);
        rows.add(count - 1);
      }
      const focused = focusedRow;
      if (focused !== null) for (const row of [focused - 1, focused, focused + 1]) if (row >= 0 && row < count) rows.add(row);
      return [...rows].sort((a, b) => a - b);
    },
    [count, focusedRow],
  );

  const virtualizer = useWindowVirtualizer({
    count,
    estimateSize: (row) => estimateRowHeight(schema.features[indexes[row] ?? -1]),
    overscan: OVERSCAN,
    scrollMargin,
    rangeExtractor,
    getItemKey: (row) => schema.features[indexes[row] ?? -1]?.name ?? row,
  });

  const reveal = useCallback(
    (featureIndex: number) => {
      const row = indexes.indexOf(featureIndex);
      if (row < 0) return;
      setFocusedRow(row);
      virtualizer.scrollToIndex(row, { align: 'center' });
    },
    [indexes, virtualizer],
  );

  useEffect(() => {
    activeReveal = reveal;
    return () => {
      if (activeReveal === reveal) activeReveal = null;
    };
  }, [reveal]);

  // After a failed submit, bring the first invalid feature into view when it is not rendered.
  const { submitCount, errors } = useFormState({ control: form.control, name: 'features' });
  const lastSubmit = useRef(submitCount);
  useEffect(() => {
    if (submitCount === lastSubmit.current) return;
    lastSubmit.current = submitCount;
    const featureErrors = errors.features;
    if (!featureErrors) return;
    const first = indexes.find((index) => (featureErrors as Record<number, unknown>)[index] !== undefined);
    if (first === undefined) return;
    const id = `feature-${first}`;
    if (!document.getElementById(id)) focusFormField(id);
  }, [submitCount, errors, indexes]);

  const items = virtualizer.getVirtualItems();
  return (
    <>
      <p className="visually-hidden" id={noteId}>
        {count.toLocaleString('en-US')} features. Fields load as you move through them with Tab; use Jump to feature to reach one by name.
      </p>
      <div
        ref={listRef}
        role="group"
        aria-describedby={noteId}
        aria-label="Features"
        data-testid="virtual-feature-list"
        style={{ position: 'relative', height: virtualizer.getTotalSize() }}
        onFocus={(event) => {
          const row = (event.target as Element).closest<HTMLElement>('[data-row]')?.dataset.row;
          if (row !== undefined && Number(row) !== focusedRow) setFocusedRow(Number(row));
        }}
      >
        {items.map((item) => {
          const featureIndex = indexes[item.index] as number;
          const spec = schema.features[featureIndex] as FeatureSpec;
          return (
            <div
              key={item.key}
              data-index={item.index}
              data-row={item.index}
              ref={virtualizer.measureElement}
              style={{
                position: 'absolute',
                top: 0,
                left: 0,
                width: '100%',
                display: 'flow-root',
                transform: `translateY(${item.start - virtualizer.options.scrollMargin}px)`,
              }}
            >
              {renderFeature(spec, featureIndex)}
            </div>
          );
        })}
      </div>
    </>
  );
}

/**
 * "Jump to feature": the find-in-page of a form whose fields are not all in the page.
 * Type part of a name, pick it (the suggestions load when the box is first focused, so
 * they cost nothing until then), press Enter or Go.
 */
export function JumpToFeature({ schema }: { schema: FeatureGroupSchema }) {
  const inputId = useId();
  const listId = useId();
  const [text, setText] = useState('');
  const [suggest, setSuggest] = useState(false);
  const [message, setMessage] = useState<string>();
  const jump = () => {
    const query = text.trim().toLowerCase();
    if (!query) return;
    const exact = schema.features.findIndex((spec) => spec.name.toLowerCase() === query);
    const index = exact >= 0 ? exact : schema.features.findIndex((spec) => spec.name.toLowerCase().includes(query));
    if (index < 0) {
      setMessage(`No feature named like "${text.trim()}".`);
      return;
    }
    setMessage(undefined);
    focusFormField(`feature-${index}`);
  };
  return (
    <div className="field-row" role="search" aria-label="Feature finder">
      <label htmlFor={inputId} className="visually-hidden">
        Jump to feature
      </label>
      <input
        id={inputId}
        type="text"
        placeholder="Jump to feature…"
        list={listId}
        value={text}
        autoComplete="off"
        spellCheck={false}
        aria-describedby={message ? `${inputId}-message` : undefined}
        onFocus={() => setSuggest(true)}
        onChange={(event) => {
          setText(event.target.value);
          setMessage(undefined);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            // Enter here jumps; it never submits the record.
            event.preventDefault();
            jump();
          }
        }}
        style={{ width: '14rem' }}
      />
      {suggest && (
        <datalist id={listId}>
          {schema.features.map((spec) => (
            <option key={spec.name} value={spec.name} />
          ))}
        </datalist>
      )}
      <button type="button" className="button button--small" onClick={jump}>
        Go
      </button>
      {message && (
        <span className="field__error" id={`${inputId}-message`} role="status">
          {message}
        </span>
      )}
    </div>
  );
}
