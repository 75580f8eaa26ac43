/**
 * The request and the response, side by side (stacked in a narrow window), split by a divider that the mouse drags
 * and the keyboard moves (a focusable `separator` with its value: the arrow keys by 5 %, Home and End to the ends).
 * Its position is the workbench's, kept across restarts with the tabs.
 */
import { useId, useRef, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';
import { SPLIT_RANGE } from '../../../src-shared/workbench';
import { useAppStore } from '../../store';
import { useWideLayout } from './use-wide-layout';

/** How far one arrow key moves the divider, in percent. */
const STEP = 5;

/** The two panes and the divider between them. */
export function SplitView({ first, second }: { first: ReactNode; second: ReactNode }) {
  const split = useAppStore((s) => s.workbench.split);
  const setSplit = useAppStore((s) => s.setSplit);
  const wide = useWideLayout();
  const box = useRef<HTMLDivElement>(null);
  const dragging = useRef(false);
  const firstId = useId();

  const onKeyDown = (event: KeyboardEvent) => {
    const moves: Record<string, number> = { ArrowLeft: -STEP, ArrowUp: -STEP, ArrowRight: STEP, ArrowDown: STEP };
    if (event.key in moves) setSplit(split + moves[event.key]!);
    else if (event.key === 'Home') setSplit(SPLIT_RANGE.min);
    else if (event.key === 'End') setSplit(SPLIT_RANGE.max);
    else return;
    event.preventDefault();
  };
  const follow = (event: PointerEvent) => {
    const rect = box.current?.getBoundingClientRect();
    if (!dragging.current || !rect || rect.width === 0 || rect.height === 0) return;
    setSplit(wide ? ((event.clientX - rect.left) / rect.width) * 100 : ((event.clientY - rect.top) / rect.height) * 100);
  };

  return (
    <div ref={box} className={`split ${wide ? 'split-row' : 'split-column'}`}>
      <div id={firstId} className="split-first" style={{ flexBasis: `${split}%` }}>
        {first}
      </div>
      <div
        role="separator"
        tabIndex={0}
        className="split-divider"
        aria-label="Resize the request and response panes"
        aria-controls={firstId}
        aria-orientation={wide ? 'vertical' : 'horizontal'}
        aria-valuenow={split}
        aria-valuemin={SPLIT_RANGE.min}
        aria-valuemax={SPLIT_RANGE.max}
        aria-valuetext={`Request ${split} %, response ${100 - split} %`}
        onKeyDown={onKeyDown}
        onPointerDown={(event) => {
          dragging.current = true;
          event.currentTarget.setPointerCapture?.(event.pointerId);
          event.preventDefault();
        }}
        onPointerMove={follow}
        onPointerUp={() => {
          dragging.current = false;
        }}
        onPointerCancel={() => {
          dragging.current = false;
        }}
      />
      <div className="split-second">{second}</div>
    </div>
  );
}
